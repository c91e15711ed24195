using System.Net;

namespace OrleansVm.Silo.Hosting;

/// <summary>The URLs Kestrel listens on, and whether they are all loopback (dev mode needs that).</summary>
public static class BindAddresses
{
    public static IReadOnlyList<string> From(SiloSettings settings) =>
        string.IsNullOrWhiteSpace(settings.Urls)
            ? [$"http://127.0.0.1:{settings.Port}"]
            : settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool AllLoopback(IEnumerable<string> urls) => urls.All(IsLoopback);

    public static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (*, +, 0.0.0.0, [::]) are not valid URI hosts for Uri; they are never loopback.
        var withoutScheme = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        if (withoutScheme.StartsWith('*') || withoutScheme.StartsWith('+')) return false;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return false;
        var host = uri.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
