using OrleansVm.Client.Models;

namespace OrleansVm.Client;

/// <summary>How <see cref="OrleansVmClient.SubscribeAsync(string, StreamSubscribeOptions, CancellationToken)"/> starts and what it reports besides events.</summary>
public sealed class StreamSubscribeOptions
{
    /// <summary>Resume after this event id (sent as <c>Last-Event-ID</c>); without it the stream starts with new events.</summary>
    public string? LastEventId { get; init; }

    /// <summary>
    /// Called on the enumerating thread each time a connection opens, before any of its events: a caller that
    /// must not miss an event it causes waits for this rather than for a delay.
    /// </summary>
    public Action<StreamOpened>? OnOpened { get; init; }
}
