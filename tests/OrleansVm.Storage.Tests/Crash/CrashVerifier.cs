using System.Globalization;
using System.Text.Json;
using Orleans.Storage;
using OrleansVm.Storage.CrashWriter;

namespace OrleansVm.Storage.Tests.Crash;

/// <summary>
/// After the kill, read back through Orleans' <see cref="IGrainStorage"/> (a fresh provider, as a restarted
/// silo would): every acknowledged write must be there (stored ETag at least the acknowledged one, and the
/// very same content when equal) and no record may be torn (it deserializes, names its own key and ETag,
/// and its value matches its hash).
/// </summary>
internal static class CrashVerifier
{
    /// <summary>The Orleans provider a restarted silo would build over <paramref name="store"/>.</summary>
    public static OrleansVmGrainStorage OverStore(IGrainStateStore store) =>
        new("crash-verifier", store, OrleansVmJsonGrainStorageSerializer.Default, Microsoft.Extensions.Logging.Abstractions.NullLogger<OrleansVmGrainStorage>.Instance);

    public static async Task<CrashReport> VerifyAsync(IGrainStorage storage, IReadOnlyList<Acknowledgement> acknowledgements, int writers, int keysPerWriter)
    {
        var latest = acknowledgements.GroupBy(ack => ack.Key).ToDictionary(group => group.Key, group => group.MaxBy(ack => ack.Etag)!);
        int records = 0, ahead = 0;
        for (var writer = 0; writer < writers; writer++)
        {
            for (var slot = 0; slot < keysPerWriter; slot++)
            {
                var key = CrashRecord.KeyFor(writer, slot);
                var stored = await ReadWholeAsync(storage, key);
                var storedEtag = stored.ETag is null ? 0 : long.Parse(stored.ETag, NumberStyles.None, CultureInfo.InvariantCulture);
                if (latest.TryGetValue(key, out var acked))
                {
                    Assert.True(storedEtag >= acked.Etag, $"{key}: acknowledged etag {acked.Etag} but stored {storedEtag}");
                    if (storedEtag == acked.Etag)
                    {
                        Assert.Equal(acked.IsClear, !stored.RecordExists);
                    }
                    else
                    {
                        ahead++; // written and committed, the kill came before the ack was printed
                    }
                }

                if (!stored.RecordExists)
                {
                    continue;
                }

                records++;
                var record = stored.State!;
                Assert.Equal(key, record.Key);
                Assert.Equal(storedEtag, record.Etag);
                Assert.True(record.IsIntact, $"{key}@{storedEtag}: value does not match its hash");
                if (latest.TryGetValue(key, out var ack) && ack.Etag == storedEtag)
                {
                    Assert.Equal(ack.Sha256, record.Sha256);
                }
            }
        }

        return new CrashReport(acknowledgements.Count, latest.Count, records, ahead);
    }

    private static async Task<GrainState<CrashRecord>> ReadWholeAsync(IGrainStorage storage, string key)
    {
        var state = new GrainState<CrashRecord>();
        try
        {
            await storage.ReadStateAsync(CrashRecord.StateType, CrashRecord.GrainIdFor(key), state);
            return state;
        }
        catch (JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"{key}: torn record, not valid JSON ({exception.Message})");
        }
    }
}

internal sealed record CrashReport(int Acknowledgements, int AcknowledgedKeys, int RecordsChecked, int KeysAheadOfLastAck);
