using System.CommandLine;
using System.Text.Json.Nodes;

namespace OrleansVm.Cli;

/// <summary><c>orleansvm token create|revoke</c>: a workspace's client tokens (operator token).</summary>
internal static class TokenCommands
{
    public static Command Create(CliConsole console)
    {
        var token = new Command("token", "Client tokens of a workspace (operator)");
        var options = new ClusterOptions();
        options.AddTo(token);

        var create = new Command("create", "Make a client token; it is shown once");
        var createWs = new Argument<string>("workspaceId") { Description = "The workspace" };
        create.Add(createWs);
        create.SetAction((parseResult, cancellationToken) => ClusterRunner.RunAsync(console, options, parseResult, async (client, ct) =>
        {
            var created = await client.CreateTokenAsync(parseResult.GetRequiredValue(createWs), ct);
            return new ClusterResult(created, $"token {created.TokenId} (shown once; store it now):{Environment.NewLine}{created.Token}");
        }, cancellationToken));

        var revoke = new Command("revoke", "Revoke a client token");
        var revokeWs = new Argument<string>("workspaceId") { Description = "The workspace" };
        var tokenId = new Argument<string>("tokenId") { Description = "The token's id (not the token)" };
        revoke.Add(revokeWs);
        revoke.Add(tokenId);
        revoke.SetAction((parseResult, cancellationToken) => ClusterRunner.RunAsync(console, options, parseResult, async (client, ct) =>
        {
            var id = parseResult.GetRequiredValue(tokenId);
            await client.RevokeTokenAsync(parseResult.GetRequiredValue(revokeWs), id, ct);
            return new ClusterResult(new JsonObject { ["revoked"] = id }, $"token {id} revoked");
        }, cancellationToken));

        token.Add(create);
        token.Add(revoke);
        return token;
    }
}
