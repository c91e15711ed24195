using OrleansVm.TestSupport;

namespace OrleansVm.Grains.Tests;

/// <summary>An outbox that cannot reach its domain retries every couple of seconds: its log must say so, but not every time.</summary>
public sealed class OutboxDeliveryLogTests
{
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RepeatEvery = TimeSpan.FromMinutes(1);

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_domain_failing_for_an_hour_gives_one_line_per_repeat_period_then_one_on_recovery()
    {
        var logs = new LogCapture();
        var time = new ManualTime();
        var log = new OutboxDeliveryLog(logs.CreateLogger("test"), RetryPeriod, RepeatEvery, time);

        var attempts = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(1); elapsed += RetryPeriod)
        {
            time.Now += RetryPeriod;
            log.Failed("ws", "tally@abcdefgh", "tally", "tally@abcdefgh#1", pending: 3, new TimeoutException("no answer"));
            attempts++;
        }
        log.Delivered("ws", "tally@abcdefgh", "tally");

        Assert.Equal(1800, attempts);
        var first = Assert.Single(logs.Entries, e => e.EventId.Id == 1006);
        Assert.Equal("tally@abcdefgh#1", first["DispatchId"]);
        Assert.Contains("TimeoutException", first["Error"]);
        var repeats = logs.Entries.Where(e => e.EventId.Id == 1007).ToList();
        Assert.Equal(59, repeats.Count); // one per minute after the first
        Assert.Equal("1771", repeats[^1]["Attempts"]); // at 59 min 2 s
        var recovered = Assert.Single(logs.Entries, e => e.EventId.Id == 1008);
        Assert.Equal("1800", recovered["Attempts"]);
        Assert.Equal(61, logs.Entries.Count);
    }

    [Fact]
    public void Each_domain_is_tracked_on_its_own_and_a_delivery_without_failure_logs_nothing()
    {
        var logs = new LogCapture();
        var log = new OutboxDeliveryLog(logs.CreateLogger("test"), RetryPeriod, RepeatEvery, new ManualTime());

        log.Delivered("ws", "i@abcdefgh", "a");
        log.Failed("ws", "i@abcdefgh", "a", "i@abcdefgh#1", 2, new TimeoutException());
        log.Failed("ws", "i@abcdefgh", "b", "i@abcdefgh#2", 2, new TimeoutException());
        log.Delivered("ws", "i@abcdefgh", "a");

        Assert.Equal(["a", "b"], logs.Entries.Where(e => e.EventId.Id == 1006).Select(e => e["Domain"]));
        Assert.Equal("a", Assert.Single(logs.Entries, e => e.EventId.Id == 1008)["Domain"]);
    }
}
