using OrleansVm.Sandbox.Internal;
using Xunit.Abstractions;

namespace OrleansVm.Sandbox.Tests;

public class ThreadStackTests(ITestOutputHelper output)
{
    [Fact]
    public void Remaining_stack_is_known_and_plausible()
    {
        var remaining = ThreadStack.Remaining();
        output.WriteLine($"remaining {remaining / 1024} KiB");
        Assert.InRange(remaining, 64 * 1024, 1L << 34);
    }

    [Fact]
    public async Task A_thread_pool_thread_runs_calls_inline()
    {
        var remaining = await Task.Run(ThreadStack.Remaining);
        output.WriteLine($"thread pool remaining {remaining / 1024} KiB, required {StackBudget.RequiredFor(256) / 1024} KiB");
        Assert.True(remaining >= StackBudget.RequiredFor(SandboxLimits.Default.MaxCallDepth), $"{remaining}");
    }
}
