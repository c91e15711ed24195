namespace OrleansVm.Runtime;

internal enum ActivationStatus : byte
{
    /// <summary>In the directory, not started: the first caller starts it.</summary>
    Created,
    /// <summary>Constructing the grain, reading its state, running OnActivateAsync; calls queue.</summary>
    Activating,
    /// <summary>Serving turns.</summary>
    Valid,
    /// <summary>Running OnDeactivateAsync; calls queue and are sent on to the next activation.</summary>
    Deactivating,
    /// <summary>Gone from the directory; a caller that still holds it looks it up again.</summary>
    Deactivated,
}
