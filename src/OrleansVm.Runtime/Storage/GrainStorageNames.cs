namespace OrleansVm.Runtime;

public static class GrainStorageNames
{
    /// <summary>The provider used when a grain names none.</summary>
    public const string Default = "Default";
}
