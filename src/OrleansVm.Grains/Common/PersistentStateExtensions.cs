namespace OrleansVm.Grains;

/// <summary>Saving without leaving a half-applied change in memory.</summary>
internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if the write fails for any reason the in-memory state holds a change that
    /// is not durable (and was reported as failed), so <paramref name="dropActivation"/> is called
    /// and the next call reloads what storage has.
    /// </summary>
    public static async Task SaveOrDropAsync<T>(this IPersistentState<T> state, Action dropActivation)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            dropActivation();
            throw;
        }
    }
}
