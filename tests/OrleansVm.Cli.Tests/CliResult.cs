using System.Text.Json.Nodes;

namespace OrleansVm.Cli.Tests;

/// <summary>What one run of the command line produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The one JSON object stdout must hold.</summary>
    public JsonObject Json => JsonNode.Parse(Stdout)?.AsObject()
        ?? throw new InvalidOperationException($"stdout is not a JSON object: {Stdout}");

    public string? ErrorCode => (string?)Json["error"]?["code"];

    /// <summary>Asserts the exit status, showing the whole output when it differs.</summary>
    public void AssertExit(int expected) =>
        Assert.True(ExitCode == expected, $"expected exit {expected}, got {this}");

    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout: {Stdout}{Environment.NewLine}stderr: {Stderr}";
}
