using System.CommandLine;
using OrleansVm.Client;

namespace OrleansVm.Cli;

/// <summary>
/// <c>--url</c>, <c>--token</c> and <c>--json</c> of the cluster commands (cli.md, "Against a cluster"),
/// recursive so they can follow any subcommand. The environment fills in what is not given.
/// </summary>
internal sealed class ClusterOptions
{
    public const string UrlVariable = "ORLEANSVM_URL";
    public const string TokenVariable = "ORLEANSVM_TOKEN";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The silo's address (default: ${UrlVariable} or {DefaultUrl})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"An operator or client token (default: ${TokenVariable})",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON answer instead of text",
        Recursive = true,
    };

    public void AddTo(Command group)
    {
        group.Add(Url);
        group.Add(Token);
        group.Add(Json);
    }

    public OrleansVmClient CreateClient(ParseResult parseResult)
    {
        var url = parseResult.GetValue(Url) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            throw new CliUsageException(CliErrorCodes.UsageError, $"--url must be an http(s) address, not '{url}'");
        var token = parseResult.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable);
        return new OrleansVmClient(new OrleansVmClientOptions { BaseAddress = baseAddress, Token = token is { Length: > 0 } ? token : null });
    }
}
