namespace OrleansVm.Runtime;

public static class GrainExtensions
{
    /// <summary>The string key of a grain (inside the grain) or of a grain reference.</summary>
    public static string GetPrimaryKeyString(this IGrain grain) => grain.GetGrainId().Key;

    /// <summary>The id of a grain (inside the grain) or of a grain reference.</summary>
    public static GrainId GetGrainId(this IGrain grain) => grain switch
    {
        Grain g => g.GrainId,
        GrainReference r => r.GrainId,
        _ => throw new ArgumentException($"{grain.GetType().Name} is neither a grain nor a grain reference.", nameof(grain)),
    };
}
