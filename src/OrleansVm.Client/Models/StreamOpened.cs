namespace OrleansVm.Client.Models;

/// <summary>
/// A connection of a workspace stream is open: the silo answered 200 and its headers arrived. The silo fixes
/// where the stream starts before it answers, so every event raised from now on reaches the subscription.
/// </summary>
/// <param name="Reconnect">False for the subscription's first connection, true for each one after a drop.</param>
/// <param name="LastEventId">The <c>Last-Event-ID</c> this connection resumed after, if any.</param>
public sealed record StreamOpened(bool Reconnect, string? LastEventId);
