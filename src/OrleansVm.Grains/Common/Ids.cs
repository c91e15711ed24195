using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace OrleansVm.Grains;

/// <summary>The id rules of http-api.md and capabilities.md, and instance id generation.</summary>
public static partial class Ids
{
    public const string NanoIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex WorkspaceIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex PackageIdPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^([a-z][a-z0-9-]{0,63})@[A-Za-z0-9_-]{8}$")]
    private static partial Regex InstanceIdPattern();

    /// <summary>Domain names follow the package-id rule: lower-case, digits and dashes.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex DomainPattern();

    public static bool IsWorkspaceId(string? value) => value is not null && WorkspaceIdPattern().IsMatch(value);
    public static bool IsPackageId(string? value) => value is not null && PackageIdPattern().IsMatch(value);
    public static bool IsVersion(string? value) => value is not null && value.Length <= 64 && VersionPattern().IsMatch(value);
    public static bool IsDomain(string? value) => value is not null && DomainPattern().IsMatch(value);

    public static bool IsInstanceId(string? value) => value is not null && InstanceIdPattern().IsMatch(value);

    /// <summary>The package id part of a valid instance id.</summary>
    public static string PackageOf(string instanceId) => instanceId[..instanceId.IndexOf('@')];

    /// <summary>A new instance id `packageId@xxxxxxxx` from a cryptographic random source.</summary>
    public static string NewInstanceId(string packageId) => $"{packageId}@{NewNanoId(8)}";

    public static string NewNanoId(int length)
    {
        // 64 symbols: the low 6 bits of a random byte pick one without bias.
        Span<byte> bytes = stackalloc byte[length];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(length, bytes.ToArray(), static (chars, random) =>
        {
            for (var i = 0; i < chars.Length; i++) chars[i] = NanoIdAlphabet[random[i] & 63];
        });
    }

    /// <summary>Throws VALIDATION_ERROR naming the field when <paramref name="valid"/> is false.</summary>
    public static void Require(bool valid, string field, string? value)
    {
        if (!valid)
        {
            throw new OrleansVmException(ErrorCodes.ValidationError, $"'{value}' is not a valid {field}.",
                new System.Text.Json.Nodes.JsonObject { ["field"] = field });
        }
    }
}
