using OrleansVm.Silo.Auth;

namespace OrleansVm.Silo.Api;

/// <summary>
/// Re-checks an open event stream's token between polls, so revoking a client token ends its streams within
/// <see cref="Period"/> plus one grain call (issue 12: "within a second"). The check is the request's own
/// authentication again (the workspace grain decides), one small grain call per open stream per period.
/// An operator token cannot be revoked while the silo runs; its check costs nothing.
/// </summary>
public sealed class StreamAccessCheck(HttpRequest request, ApiAuthenticator authenticator)
{
    /// <summary>How long one poll waits at most: half a second leaves room for the check inside "within a second".</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    /// <summary>The poll's wait: the keep-alive, but never longer than <see cref="Period"/>.</summary>
    public TimeSpan Wait(TimeSpan keepAlive) => keepAlive < Period ? keepAlive : Period;

    /// <summary>False once the token no longer authenticates (revoked, or its workspace is gone).</summary>
    public async Task<bool> StillAllowedAsync()
    {
        try
        {
            await authenticator.AuthenticateAsync(request);
            return true;
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status401Unauthorized)
        {
            return false;
        }
    }
}
