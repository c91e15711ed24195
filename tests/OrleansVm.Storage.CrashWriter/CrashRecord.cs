using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansVm.Storage.CrashWriter;

/// <summary>
/// The JSON the crash writer stores: it names its own key and ETag and carries a hash of its value, so a
/// reader can tell a whole record from a torn or misplaced one without any other information.
/// </summary>
public sealed record CrashRecord(string Key, long Etag, string Value, string Sha256)
{
    /// <summary>The Orleans state name the writer uses.</summary>
    public const string StateType = "crash-test";

    /// <summary>The grain that owns a key (the store addresses it as <c>crash/…</c>).</summary>
    public static Orleans.Runtime.GrainId GrainIdFor(string key) => Orleans.Runtime.GrainId.Create("crash", key);

    public static CrashRecord Create(string key, long etag, string value) => new(key, etag, value, Hash(value));

    public static string KeyFor(int writer, int slot) => $"w{writer}/k{slot}/ключ-🙂";

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static CrashRecord FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<CrashRecord>(json) ?? throw new JsonException("null record");

    public bool IsIntact => Hash(Value) == Sha256;
}
