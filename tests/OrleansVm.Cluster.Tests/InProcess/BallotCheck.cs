using OrleansVm.Testing;

namespace OrleansVm.Cluster.Tests.InProcess;

/// <summary>The two zeros: no acknowledged vote lost, no shared intent applied twice.</summary>
public static class BallotCheck
{
    /// <summary>
    /// For every instance: its own count covers every acknowledged vote (none lost) and exceeds it
    /// by at most the failed attempts (which may or may not have been applied); and the shared
    /// ballot holds exactly the instance's count (each applied vote's intent delivered once). The
    /// outbox delivers pending intents asynchronously, hence the wait (bounded).
    /// </summary>
    public static async Task AssertNothingLostNothingTwiceAsync(TestWorkspace workspace, IReadOnlyList<TestInstance> instances, VoteLedger ledger)
    {
        var counts = new Dictionary<string, int>();
        foreach (var instance in instances)
        {
            var mine = (await instance.GetStateAsync())!["mine"]!.GetValue<int>();
            counts[instance.Id] = mine;
            Assert.True(mine >= ledger.AcknowledgedBy(instance.Id),
                $"{instance.Id}: {ledger.AcknowledgedBy(instance.Id)} votes acknowledged but only {mine} applied (lost)");
            Assert.True(mine <= ledger.AcknowledgedBy(instance.Id) + ledger.FailedBy(instance.Id),
                $"{instance.Id}: {mine} applied but only {ledger.AcknowledgedBy(instance.Id)} acknowledged + {ledger.FailedBy(instance.Id)} failed sent");
        }

        var mismatch = "not read yet";
        try
        {
            await OrleansVmTesting.EventuallyAsync(async () =>
            {
                var ballot = await workspace.ReadDomainAsync(ThreeSiloCluster.Domain);
                mismatch = counts
                    .Select(c => (c.Key, Count: c.Value, InBallot: ballot?["byName"]?[c.Key]?.GetValue<int>() ?? 0))
                    .Where(c => c.Count != c.InBallot)
                    .Select(c => $"{c.Key}: {c.Count} applied, {c.InBallot} in the ballot")
                    .FirstOrDefault();
                return mismatch is null;
            }, "every applied vote's shared intent in the ballot exactly once", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The ballot differs from the instances' counts after 60 s: {mismatch}");
        }
    }
}
