using OrleansVm.Grains;
using OrleansVm.Silo.Api;

namespace OrleansVm.Silo.Auth;

/// <summary>Identifies the caller from <c>Authorization: Bearer</c>: the operator token, or a live client token (asked of its workspace grain, so revocation is immediate).</summary>
public sealed class ApiAuthenticator(OperatorToken operatorToken, IGrainFactory grains, ILogger<ApiAuthenticator> logger)
{
    private const string Scheme = "Bearer ";

    public async Task<ApiCaller> AuthenticateAsync(HttpRequest request)
    {
        var token = ReadBearer(request);
        if (token is null)
        {
            logger.MissingToken(request.Method, request.Path);
            throw ApiErrors.NoToken();
        }
        if (operatorToken.Matches(token)) return ApiCaller.Operator;

        // A client token names its workspace (ClientTokens), the one grain that can tell whether it is live.
        if (ClientTokens.TryParse(token, out var workspaceId, out var tokenId))
        {
            if (await IsLiveAsync(workspaceId, token)) return ApiCaller.Client(workspaceId);
            logger.ClientTokenRejected(request.Method, request.Path, workspaceId, tokenId);
        }
        else
        {
            logger.UnknownToken(request.Method, request.Path);
        }

        throw ApiErrors.UnknownToken();
    }

    private async Task<bool> IsLiveAsync(string workspaceId, string token)
    {
        try
        {
            return await grains.Ref<IWorkspaceGrain>(workspaceId).ValidateTokenAsync(token);
        }
        catch (OrleansVmException ex) when (ex.Code == ErrorCodes.WorkspaceNotFound)
        {
            return false;
        }
    }

    private static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
