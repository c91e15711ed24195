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
