namespace OrleansVm.Silo.Hosting;

/// <summary>The silo cannot start with this configuration; the message says what to change.</summary>
public sealed class SiloConfigurationException(string message) : Exception(message);
