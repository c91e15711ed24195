namespace OrleansVm.Client.Models;

public sealed record SiloInfo(string SiloId, string Address, string Status);

public sealed record HealthReport(string Status, string SiloId, IReadOnlyList<SiloInfo> Silos);

public sealed record NativeModuleInfo(string Name, string Doc);
