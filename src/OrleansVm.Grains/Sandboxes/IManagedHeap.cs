namespace OrleansVm.Grains;

/// <summary>How many bytes the silo's managed heap holds now (the GC's figure; tests give their own).</summary>
public interface IManagedHeap
{
    long Bytes { get; }
}

/// <summary>The process's managed heap as the GC counts it (live objects and garbage not yet collected).</summary>
public sealed class GcManagedHeap : IManagedHeap
{
    public static GcManagedHeap Instance { get; } = new();

    public long Bytes => GC.GetTotalMemory(forceFullCollection: false);
}
