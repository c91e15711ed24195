using System;

namespace OrleansVm.Runtime.Generators;

/// <summary>The output for one grain interface; plain strings so the incremental pipeline can compare and cache it.</summary>
internal sealed class GeneratedInterface : IEquatable<GeneratedInterface>
{
    public GeneratedInterface(string hintName, string source, string? error, Microsoft.CodeAnalysis.Location? errorLocation)
    {
        HintName = hintName;
        Source = source;
        Error = error;
        ErrorLocation = errorLocation;
    }

    public string HintName { get; }

    public string Source { get; }

    /// <summary>Why no reference can be generated (unsupported member), reported as ORVM001.</summary>
    public string? Error { get; }

    public Microsoft.CodeAnalysis.Location? ErrorLocation { get; }

    public bool Equals(GeneratedInterface? other) =>
        other is not null && HintName == other.HintName && Source == other.Source && Error == other.Error;

    public override bool Equals(object? obj) => Equals(obj as GeneratedInterface);

    public override int GetHashCode() => HintName.GetHashCode() ^ Source.GetHashCode();
}
