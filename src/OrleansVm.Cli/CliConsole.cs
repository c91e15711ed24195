namespace OrleansVm.Cli;

/// <summary>Where a command writes: one JSON result on <see cref="Out"/>, diagnostics on <see cref="Error"/>.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    public CliOutput Output { get; } = new(Out);
}
