using System.Net;
using System.Net.Sockets;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Free loopback TCP ports for Orleans' endpoints, which must be known before the silo listens (they are
/// advertised in membership), so Kestrel's "port 0" trick does not apply. A process never hands out the
/// same port twice, so silos started together in one test process cannot pick the same one.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary><paramref name="configured"/>, or a free port when it is 0.</summary>
    public static int Resolve(int configured) => configured == 0 ? Pick() : configured;

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
}
