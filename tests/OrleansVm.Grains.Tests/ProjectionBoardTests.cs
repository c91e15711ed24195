using System.Text.Json.Nodes;

namespace OrleansVm.Grains.Tests;

/// <summary>
/// The silo's board of domain projections: only readers the domain vouched for are served, each gets its own tree,
/// and only the publishing activation withdraws its entry.
/// </summary>
public sealed class ProjectionBoardTests
{
    private static readonly Dictionary<string, bool> Readers = new() { ["tally@reader01"] = true };

    [Fact]
    public void A_reader_the_domain_has_not_vouched_for_is_not_served()
    {
        var board = new ProjectionBoard();
        var readers = new Dictionary<string, bool>(StringComparer.Ordinal) { ["tally@reader01"] = true };
        board.Publish("ws/tally", new object(), readers, new JsonObject { ["total"] = 3 });

        Assert.False(board.TryRead("ws/tally", "tally@stranger", out var projection));
        Assert.Null(projection);

        readers.Clear(); // the domain forgot its readers (a grant changed): the same entry serves no one
        Assert.False(board.TryRead("ws/tally", "tally@reader01", out _));
    }

    [Fact]
    public void Each_read_is_a_tree_of_the_readers_own()
    {
        var board = new ProjectionBoard();
        board.Publish("ws/tally", new object(), Readers, new JsonObject { ["total"] = 3 });

        Assert.True(board.TryRead("ws/tally", "tally@reader01", out var mine));
        mine!["total"] = 99; // a reader changing its copy
        Assert.True(board.TryRead("ws/tally", "tally@reader01", out var theirs));
        Assert.Equal(3, theirs!["total"]!.GetValue<int>());
        Assert.NotSame(mine, theirs);
    }

    [Fact]
    public void A_null_projection_is_published_as_null_and_a_missing_one_is_not_found()
    {
        var board = new ProjectionBoard();
        board.Publish("ws/empty", new object(), Readers, null);

        Assert.True(board.TryRead("ws/empty", "tally@reader01", out var projection));
        Assert.Null(projection);
        Assert.False(board.TryRead("ws/elsewhere", "tally@reader01", out _));
    }

    [Fact]
    public void Only_the_activation_that_published_the_entry_withdraws_it()
    {
        var board = new ProjectionBoard();
        var old = new object();
        var current = new object();
        board.Publish("ws/tally", old, Readers, new JsonObject { ["total"] = 1 });
        board.Publish("ws/tally", current, Readers, new JsonObject { ["total"] = 2 }); // a newer activation took over

        board.Withdraw("ws/tally", old); // the old one deactivating late
        Assert.True(board.TryRead("ws/tally", "tally@reader01", out var projection));
        Assert.Equal(2, projection!["total"]!.GetValue<int>());

        board.Withdraw("ws/tally", current);
        Assert.False(board.TryRead("ws/tally", "tally@reader01", out _));
    }
}
