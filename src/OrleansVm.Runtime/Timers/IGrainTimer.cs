namespace OrleansVm.Runtime;

/// <summary>A grain timer. Dispose to stop it; it also stops when the activation deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules: next tick after <paramref name="dueTime"/>, then every <paramref name="period"/> (Infinite: once).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
