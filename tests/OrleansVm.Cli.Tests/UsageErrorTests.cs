namespace OrleansVm.Cli.Tests;

/// <summary>The caller's mistakes: exit status 2, an error object on stdout, help on stderr.</summary>
public class UsageErrorTests
{
    [Fact]
    public async Task Bad_json_in_an_option_is_a_usage_error()
    {
        var result = await Cli.RunAsync("plugin", "render", RepoPaths.Preset("counter"), "counter", "--plugin-state", "{value: 1");

        result.AssertExit(2);
        Assert.Equal("USAGE_ERROR", result.ErrorCode);
        Assert.Contains("--plugin-state is not valid JSON", (string?)result.Json["error"]!["message"]);
        Assert.Contains("Usage:", result.Stderr);
    }

    [Fact]
    public async Task A_global_state_that_is_not_an_object_is_a_usage_error()
    {
        var result = await Cli.RunAsync("plugin", "render", RepoPaths.Preset("counter"), "counter", "--global-state", "[]");

        result.AssertExit(2);
        Assert.Equal("USAGE_ERROR", result.ErrorCode);
    }

    [Fact]
    public async Task A_missing_file_is_a_file_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"orleansvm-missing-{Guid.NewGuid():N}.js");

        var result = await Cli.RunAsync("plugin", "validate", missing);

        result.AssertExit(2);
        Assert.Equal("FILE_ERROR", result.ErrorCode);
        Assert.Equal(missing, (string?)result.Json["error"]!["details"]!["path"]);
    }

    [Theory]
    [InlineData("plugin", "render")]                     // missing file and widget
    [InlineData("plugin", "frobnicate")]                  // unknown command
    [InlineData("plugin")]                                // no subcommand
    public async Task A_malformed_command_line_is_a_usage_error(params string[] args)
    {
        var result = await Cli.RunAsync(args);

        result.AssertExit(2);
        Assert.Equal("USAGE_ERROR", result.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr));
    }

    [Theory]
    [InlineData("--timeout-ms", "0")]
    [InlineData("--timeout-ms", "soon")]
    [InlineData("--max-memory-mb", "-1")]
    public async Task A_limit_must_be_a_positive_integer(string option, string value)
    {
        var result = await Cli.RunAsync("plugin", "validate", RepoPaths.Preset("counter"), option, value);

        result.AssertExit(2);
        Assert.Equal("USAGE_ERROR", result.ErrorCode);
    }

    [Fact]
    public async Task Help_is_not_an_error()
    {
        var result = await Cli.RunAsync("plugin", "event", "--help");

        result.AssertExit(0);
        Assert.Contains("--plugin-state", result.Stdout);
        Assert.Contains("--modules", result.Stdout);
    }
}
