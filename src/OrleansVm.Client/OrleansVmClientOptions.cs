namespace OrleansVm.Client;

public sealed class OrleansVmClientOptions
{
    /// <summary>The silo's address, e.g. http://127.0.0.1:5080.</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>An operator or client bearer token.</summary>
    public string? Token { get; set; }

    /// <summary>How long the stream waits before reconnecting after a drop; doubles up to 30 s.</summary>
    public TimeSpan StreamReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
