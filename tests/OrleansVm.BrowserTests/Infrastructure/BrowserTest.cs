using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>Base of the browser tests: runs a scenario in a fresh workspace and always leaves screenshots behind.</summary>
[Collection(PlaygroundCollection.Name)]
public abstract class BrowserTest(PlaygroundFixture fixture, ITestOutputHelper output)
{
    protected PlaygroundFixture Fixture { get; } = fixture;

    protected async Task InFreshWorkspaceAsync(Func<PlaygroundSession, Task> scenario, [CallerMemberName] string testName = "")
    {
        var session = await PlaygroundSession.StartAsync(Fixture, output, testName);
        try
        {
            await scenario(session);
        }
        catch
        {
            output.WriteLine("silo log (tail):\n" + Fixture.Silo.LogTail(40));
            throw;
        }
        finally
        {
            await session.DisposeAsync();
        }
    }
}
