using OrleansVm.Storage;
using OrleansVm.Storage.CrashWriter;

var arguments = CrashWriterArguments.Parse(args);
if (arguments.Bench)
{
    await WriteBenchmark.RunAsync(arguments);
    return 0;
}

await using var storage = StorageFactory.Create(arguments.Provider, arguments.DatabasePath, arguments.ConnectionString, arguments.GroupCommit ?? true);
await CrashWorkload.RunAsync(storage, arguments.Writers, arguments.KeysPerWriter);
return 0;
