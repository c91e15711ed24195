using System.Net;
using System.Net.Sockets;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Orleans' loopback ports. They must be known before the silo listens (they are advertised in
/// membership), so Kestrel's "port 0" trick does not apply: 0 becomes a free port picked here, and a
/// process never hands out the same port twice, so silos started together in one test process cannot
/// pick the same one. A configured port is checked first: Orleans' listener shares a port with another
/// process's (SO_REUSEPORT), so a second silo on the default ports would start and silently split the
/// first one's connections.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary><paramref name="configured"/> when nobody listens on it, or a free port when it is 0.</summary>
    /// <exception cref="SiloConfigurationException">The configured port is taken.</exception>
    public static int Resolve(int configured, string flag)
    {
        if (configured == 0) return Pick();
        if (!IsFree(configured))
            throw new SiloConfigurationException($"{flag} {configured} is in use (another silo?): choose another {flag}, or 0 for a free port.");
        return configured;
    }

    private static int Pick()
    {
        lock (HandedOut)
        {
            while (true)
            {
                using var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                if (HandedOut.Add(port)) return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        // Without SO_REUSEPORT this bind fails while any other socket listens on the port.
        using var probe = new TcpListener(IPAddress.Loopback, port);
        try
        {
            probe.Start();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        finally
        {
            probe.Stop();
        }
    }
}
