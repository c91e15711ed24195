using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using OrleansVm.Silo.Telemetry;

namespace OrleansVm.Silo.Auth;

/// <summary>
/// The dashboard's session cookie. It holds a value derived from the operator token (HMAC-SHA256 keyed by it), not the
/// token itself: a leaked cookie opens the read-only dashboard only, never the API. HttpOnly (no script reads it),
/// SameSite=Strict (no other site's page sends it), Path=/dashboard, Secure on HTTPS, and a session cookie (gone with
/// the browser session). It stays valid as long as the operator token does.
/// </summary>
public sealed class DashboardCookie(OperatorToken operatorToken)
{
    public const string Name = "orleansvm_dashboard";

    private readonly byte[] _value = HMACSHA256.HashData(Encoding.UTF8.GetBytes(operatorToken.Value), "orleansvm-dashboard-session"u8);

    public bool IsPresentIn(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var text) || string.IsNullOrEmpty(text)) return false;
        byte[] candidate;
        try
        {
            candidate = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return false; // not one of ours
        }
        return CryptographicOperations.FixedTimeEquals(candidate, _value);
    }

    public void AppendTo(HttpResponse response) =>
        response.Cookies.Append(Name, WebEncoders.Base64UrlEncode(_value), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = TelemetryPaths.Dashboard,
            IsEssential = true,
        });
}
