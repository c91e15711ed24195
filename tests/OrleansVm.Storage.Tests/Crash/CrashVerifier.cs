using System.Text.Json;
using OrleansVm.Storage.CrashWriter;

namespace OrleansVm.Storage.Tests.Crash;

/// <summary>
/// After the kill: every acknowledged write must be there (stored ETag at least the acknowledged one, and the
/// very same content when equal) and no record may be torn (valid JSON naming its own key and ETag, value
/// matching its hash).
/// </summary>
internal static class CrashVerifier
{
    public static async Task<CrashReport> VerifyAsync(IGrainStateStore storage, IReadOnlyList<Acknowledgement> acknowledgements, int writers, int keysPerWriter)
    {
        var latest = acknowledgements.GroupBy(ack => ack.Key).ToDictionary(group => group.Key, group => group.MaxBy(ack => ack.Etag)!);
        int records = 0, ahead = 0;
        for (var writer = 0; writer < writers; writer++)
        {
            for (var slot = 0; slot < keysPerWriter; slot++)
            {
                var key = CrashRecord.KeyFor(writer, slot);
                var stored = await storage.ReadAsync(CrashRecord.StateType, key);
                if (latest.TryGetValue(key, out var acked))
                {
                    Assert.True(stored is not null, $"{key}: acknowledged etag {acked.Etag} but no record");
                    Assert.True(stored.Etag >= acked.Etag, $"{key}: acknowledged etag {acked.Etag} but stored {stored.Etag}");
                    if (stored.Etag == acked.Etag)
                    {
                        Assert.Equal(acked.IsClear, stored.IsCleared);
                    }
                    else
                    {
                        ahead++; // written and committed, the kill came before the ack was printed
                    }
                }

                if (stored is null || stored.IsCleared)
                {
                    continue;
                }

                records++;
                var record = ParseWhole(key, stored);
                Assert.Equal(key, record.Key);
                Assert.Equal(stored.Etag, record.Etag);
                Assert.True(record.IsIntact, $"{key}@{stored.Etag}: value does not match its hash");
                if (latest.TryGetValue(key, out var ack) && ack.Etag == stored.Etag)
                {
                    Assert.Equal(ack.Sha256, record.Sha256);
                }
            }
        }

        return new CrashReport(acknowledgements.Count, latest.Count, records, ahead);
    }

    private static CrashRecord ParseWhole(string key, GrainStateRecord stored)
    {
        try
        {
            return CrashRecord.FromJson(stored.Json.Span);
        }
        catch (JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"{key}@{stored.Etag}: torn record, not valid JSON ({exception.Message})");
        }
    }
}

internal sealed record CrashReport(int Acknowledgements, int AcknowledgedKeys, int RecordsChecked, int KeysAheadOfLastAck);
