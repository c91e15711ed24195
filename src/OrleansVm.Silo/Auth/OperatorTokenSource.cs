using System.Security.Cryptography;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Auth;

/// <summary>
/// Decides the operator token at start: the configured one (<c>ORLEANSVM_OPERATOR_TOKEN</c>), else, on a
/// loopback-only bind, the dev token kept in the data directory (made on first start, file mode 600).
/// Anything else refuses to start: an open port with a token only the console knows would be a trap.
/// </summary>
public static class OperatorTokenSource
{
    public const string DevTokenFileName = "operator-token";

    public static OperatorToken Resolve(SiloSettings settings, IReadOnlyList<string> urls, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(settings.OperatorToken)) return new OperatorToken(settings.OperatorToken.Trim(), isDevMode: false);

        if (!BindAddresses.AllLoopback(urls))
        {
            throw new SiloConfigurationException(
                $"Refusing to start: the silo listens on {string.Join(", ", urls)} (not only loopback) and no operator token is set. " +
                "Set ORLEANSVM_OPERATOR_TOKEN (or OrleansVm:OperatorToken), or bind to 127.0.0.1 for dev mode.");
        }

        return new OperatorToken(ReadOrCreateDevToken(dataDirectory), isDevMode: true);
    }

    private static string ReadOrCreateDevToken(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, DevTokenFileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0) return existing;
        }

        var token = "ovm_op_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }
        // UnixCreateMode only applies to new files; an emptied old file keeps its mode otherwise.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return token;
    }
}
