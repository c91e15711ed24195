namespace OrleansVm.Silo.Api.Models;

public sealed record HealthResponse(string Status, string SiloId, IReadOnlyList<SiloStatus> Silos);

public sealed record SiloStatus(string SiloId, string Address, string Status);

public sealed record NativeModuleResponse(string Name, string Doc);
