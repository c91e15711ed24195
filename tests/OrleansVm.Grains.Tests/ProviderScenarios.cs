namespace OrleansVm.Grains.Tests;

/// <summary>
/// Every scenario on in-memory storage kept in the test process (<see cref="OrleansVm.Testing.OrleansVmTestStore"/>),
/// so it survives the silo restarts the scenarios make.
/// </summary>
public sealed class MemoryGrainScenarios : GrainScenarios;
