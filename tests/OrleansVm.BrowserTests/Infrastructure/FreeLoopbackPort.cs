using System.Net;
using System.Net.Sockets;

namespace OrleansVm.BrowserTests.Infrastructure;

public static class FreeLoopbackPort
{
    /// <summary>A port the OS just gave out on 127.0.0.1; another process may take it before the silo binds (the caller retries).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
