namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Turns the silo's command-line flags into configuration keys. Value flags take the next argument
/// or <c>--flag=value</c>; switches take no value. <c>--Section:Key=value</c> sets any configuration key.
/// </summary>
public static class SiloCommandLine
{
    private const string P = SiloSettings.Section + ":";

    private static readonly Dictionary<string, string> ValueFlags = new(StringComparer.Ordinal)
    {
        ["--port"] = P + nameof(SiloSettings.Port),
        ["--urls"] = P + nameof(SiloSettings.Urls),
        ["--data-dir"] = P + nameof(SiloSettings.DataDir),
        ["--storage"] = P + nameof(SiloSettings.Storage),
        ["--connection-string"] = P + nameof(SiloSettings.ConnectionString),
        ["--playground-path"] = P + nameof(SiloSettings.PlaygroundPath),
        ["--demo-workspace"] = P + nameof(SiloSettings.DemoWorkspace),
        ["--silo-id"] = P + nameof(SiloSettings.SiloId),
        ["--silo-port"] = P + nameof(SiloSettings.SiloPort),
        ["--gateway-port"] = P + nameof(SiloSettings.GatewayPort),
        ["--cluster"] = P + nameof(SiloSettings.Cluster),
        ["--advertised-address"] = P + nameof(SiloSettings.AdvertisedAddress),
        ["--cluster-id"] = P + nameof(SiloSettings.ClusterId),
        ["--service-id"] = P + nameof(SiloSettings.ServiceId),
        ["--failover"] = P + nameof(SiloSettings.Failover),
        ["--log-format"] = P + nameof(SiloSettings.LogFormat),
        ["--grain-call-timeout-ms"] = P + "Limits:" + nameof(SiloLimits.GrainCallTimeoutMs),
        ["--load-timeout-ms"] = P + "Limits:" + nameof(SiloLimits.LoadTimeoutMs),
        ["--render-timeout-ms"] = P + "Limits:" + nameof(SiloLimits.RenderTimeoutMs),
        ["--event-timeout-ms"] = P + "Limits:" + nameof(SiloLimits.EventTimeoutMs),
        ["--stream-keep-alive-seconds"] = P + "Limits:" + nameof(SiloLimits.StreamKeepAliveSeconds),
        ["--max-instances-per-workspace"] = P + "Limits:" + nameof(SiloLimits.MaxInstancesPerWorkspace),
        ["--shutdown-timeout-seconds"] = P + "Limits:" + nameof(SiloLimits.ShutdownTimeoutSeconds),
        ["--max-kept-mb-per-sandbox"] = P + "Limits:" + nameof(SiloLimits.MaxKeptMbPerSandbox),
        ["--sandbox-memory-budget-mb"] = P + "Limits:" + nameof(SiloLimits.SandboxMemoryBudgetMb),
        ["--sandbox-memory-per-workspace-mb"] = P + "Limits:" + nameof(SiloLimits.SandboxMemoryPerWorkspaceMb),
        ["--rate-limit-per-second"] = P + "Limits:" + nameof(SiloLimits.RateLimitPerSecond),
        ["--rate-limit-burst"] = P + "Limits:" + nameof(SiloLimits.RateLimitBurst),
    };

    private static readonly Dictionary<string, (string Key, string Value)> Switches = new(StringComparer.Ordinal)
    {
        ["--init-schema"] = (P + nameof(SiloSettings.InitSchema), "true"),
        ["--enable-bench-endpoints"] = (P + nameof(SiloSettings.EnableBenchEndpoints), "true"),
        ["--no-presets"] = (P + nameof(SiloSettings.PublishPresets), "false"),
        ["--no-demo-workspace"] = (P + nameof(SiloSettings.DemoWorkspace), ""),
    };

    public const string Usage = """
        Usage: OrleansVm.Silo [options]
          --port <n>                     port on 127.0.0.1 (default 5080)
          --urls <urls>                  Kestrel URLs, ';'-separated (overrides --port)
          --data-dir <dir>               data directory (default ./data)
          --storage sqlite|postgres|adonet|memory
                                         state and reminders: SQLite file, PostgreSQL (ours),
                                         PostgreSQL (Orleans' ADO.NET provider), or memory
          --connection-string <cs>       PostgreSQL connection string (postgres, adonet)
          --init-schema                  apply the deploy/sql/postgres schema at start
          --playground-path <dir>        built web playground to serve at /
          --demo-workspace <id>          workspace created at start (default demo)
          --no-demo-workspace            create none
          --no-presets                   do not publish the preset packages at start
          --silo-id <id>                 this silo's id
          --silo-port <n>                Orleans silo-to-silo port (default 11111, 0 = free)
          --gateway-port <n>             Orleans client gateway port (default 30000, 0 = free)
          --cluster localhost|postgres|kubernetes
                                         one silo alone, or a cluster on PostgreSQL membership
                                         (needs --storage postgres and --connection-string);
                                         kubernetes adds Orleans' Kubernetes hosting (pods)
          --advertised-address <ip>      address other silos dial (cluster; default 127.0.0.1)
          --cluster-id <id>              silos with the same id form one cluster (default orleansvm)
          --service-id <id>              keys stored state and reminders; keep it (default orleansvm)
          --failover tuned|defaults      dead-silo detection: seconds (tuned) or Orleans' defaults
          --log-format simple|json       console log format
          --enable-bench-endpoints       map POST /api/v1/_bench/echo
          --grain-call-timeout-ms <n>    API wait for a grain before 503 (default 30000)
          --load-timeout-ms <n>          plugin load limit (default 1000)
          --render-timeout-ms <n>        plugin render limit (default 100)
          --event-timeout-ms <n>         plugin event limit (default 100)
          --stream-keep-alive-seconds <n> SSE keep-alive period (default 15)
          --shutdown-timeout-seconds <n> graceful stop limit (default 30)
          --max-kept-mb-per-sandbox <n>  memory one plugin sandbox may keep between calls (default 16)
          --sandbox-memory-budget-mb <n> memory all sandboxes may keep before LRU ones are dropped
                                         (default 0 = a quarter of the memory the GC may use)
          --sandbox-memory-per-workspace-mb <n>
                                         memory one workspace's sandboxes may keep (default 0 = budget/4)
          --rate-limit-per-second <n>    requests/s per client token, 429 RATE_LIMITED beyond (default 200, 0 = off)
          --rate-limit-burst <n>         requests a client token may make at once (default 400)
          --<Section>:<Key>=<value>      any configuration key
          --help                         this text
        """;

    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <exception cref="SiloConfigurationException">An unknown flag or a value flag without its value.</exception>
    public static IReadOnlyDictionary<string, string?> Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            var inlineValue = equals > 0 ? arg[(equals + 1)..] : null;

            if (Switches.TryGetValue(name, out var flag))
            {
                values[flag.Key] = inlineValue ?? flag.Value;
            }
            else if (ValueFlags.TryGetValue(name, out var key))
            {
                if (inlineValue is null && (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                    throw new SiloConfigurationException($"{name} needs a value.");
                values[key] = inlineValue ?? args[++i];
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && name.Contains(':') && inlineValue is not null)
            {
                values[name[2..]] = inlineValue;
            }
            else
            {
                throw new SiloConfigurationException($"Unknown argument '{arg}'. Run with --help for the options.");
            }
        }
        return values;
    }
}
