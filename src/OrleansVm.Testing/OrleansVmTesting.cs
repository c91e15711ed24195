namespace OrleansVm.Testing;

/// <summary>Entry points on the cluster's client (any <see cref="IGrainFactory"/>).</summary>
public static class OrleansVmTesting
{
    /// <summary>Creates a workspace (a fresh unique id unless given) and grants each listed package what its manifest asks for.</summary>
    public static async Task<TestWorkspace> CreateWorkspaceAsync(this IGrainFactory grains, string? workspaceId = null,
        params string[] grantAsRequested)
    {
        var workspace = new TestWorkspace(grains, workspaceId ?? "ws-" + Guid.NewGuid().ToString("N")[..10]);
        await workspace.Grain.CreateAsync();
        foreach (var packageId in grantAsRequested) await workspace.GrantAsRequestedAsync(packageId);
        return workspace;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails with <paramref name="what"/> after <paramref name="timeout"/> (default 30 s).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
