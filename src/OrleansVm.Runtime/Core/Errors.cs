namespace OrleansVm.Runtime;

/// <summary>A grain call got no response within the silo's response timeout.</summary>
public sealed class GrainCallTimeoutException(string message) : TimeoutException(message);

/// <summary>The silo does not accept the call: it is stopping or stopped.</summary>
public sealed class SiloUnavailableException(string message) : InvalidOperationException(message);

/// <summary>A grain interface or class is not usable as registered (missing registration, missing generated reference...).</summary>
public sealed class GrainConfigurationException(string message) : InvalidOperationException(message);
