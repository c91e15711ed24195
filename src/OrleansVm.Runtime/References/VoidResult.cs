namespace OrleansVm.Runtime;

/// <summary>The result type of grain methods returning Task / ValueTask, so one generic call path serves all.</summary>
public readonly struct VoidResult
{
}
