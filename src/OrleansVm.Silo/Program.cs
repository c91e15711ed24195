using OrleansVm.Silo;
using OrleansVm.Silo.Hosting;

if (SiloCommandLine.WantsHelp(args))
{
    Console.WriteLine(SiloCommandLine.Usage);
    return 0;
}

try
{
    var app = SiloApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (SiloConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"orleansvm-silo: {ex.Message}");
    return 2;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // The port is taken by another process: say so instead of a stack trace.
    await Console.Error.WriteLineAsync($"orleansvm-silo: cannot listen: {ex.Message} (choose another --port)");
    return 1;
}
