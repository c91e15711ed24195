using System.Text;
using OrleansVm.Runtime;
using OrleansVm.Storage;

namespace OrleansVm.Runtime.Tests;

public sealed class MemoryGrainStorageTests
{
    private static readonly ReadOnlyMemory<byte> Json = Encoding.UTF8.GetBytes("{\"a\":1}");

    [Fact]
    public async Task Write_is_compare_and_swap_on_the_etag()
    {
        var storage = new MemoryGrainStorage();

        Assert.Null(await storage.ReadAsync("t", "k"));
        Assert.Equal(1, await storage.WriteAsync("t", "k", Json, 0));
        Assert.Equal(2, await storage.WriteAsync("t", "k", Json, 1));
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync("t", "k", Json, 1));

        Assert.Equal(1, conflict.ExpectedEtag);
        Assert.Equal(2, conflict.StoredEtag);
        Assert.Equal(2, (await storage.ReadAsync("t", "k"))!.Etag);
        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync("t", "other", Json, 5));
    }

    [Fact]
    public async Task Clear_checks_the_etag_and_leaves_a_tombstone_that_keeps_conflicts()
    {
        var storage = new MemoryGrainStorage();
        await storage.WriteAsync("t", "k", Json, 0);

        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.ClearAsync("t", "k", 7));
        Assert.Equal(2, await storage.ClearAsync("t", "k", 1));
        var tombstone = await storage.ReadAsync("t", "k");
        Assert.True(tombstone!.IsCleared);
        Assert.Equal(2, tombstone.Etag);

        // A stale writer that still believes the record is new (or at ETag 1) conflicts.
        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync("t", "k", Json, 0));
        await Assert.ThrowsAsync<InconsistentStateException>(async () => await storage.WriteAsync("t", "k", Json, 1));
        Assert.Equal(3, await storage.WriteAsync("t", "k", Json, 2));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_have_exactly_one_winner()
    {
        var storage = new MemoryGrainStorage();
        var writers = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            try
            {
                await storage.WriteAsync("t", "race", Json, 0);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var outcomes = await Task.WhenAll(writers);

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(1, (await storage.ReadAsync("t", "race"))!.Etag);
    }

    [Fact]
    public async Task Stored_json_is_a_copy_of_the_callers_buffer()
    {
        var storage = new MemoryGrainStorage();
        var buffer = Encoding.UTF8.GetBytes("{\"a\":1}");
        await storage.WriteAsync("t", "k", buffer, 0);
        buffer[5] = (byte)'9';

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString((await storage.ReadAsync("t", "k"))!.Json.Span));
    }
}
