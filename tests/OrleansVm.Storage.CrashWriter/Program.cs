using OrleansVm.Storage;
using OrleansVm.Storage.CrashWriter;

var arguments = CrashWriterArguments.Parse(args);
if (arguments.Bench)
{
    await WriteBenchmark.RunAsync(arguments);
    return 0;
}

var store = StorageFactory.Create(arguments.Provider, arguments.DatabasePath, arguments.ConnectionString, arguments.GroupCommit ?? true);
await using var storage = new OrleansVmGrainStorage(arguments.Provider, store, OrleansVmJsonGrainStorageSerializer.Default,
    Microsoft.Extensions.Logging.Abstractions.NullLogger<OrleansVmGrainStorage>.Instance);
await CrashWorkload.RunAsync(storage, arguments.Writers, arguments.KeysPerWriter);
return 0;
