using System.Diagnostics;
using OrleansVm.Grains;
using OrleansVm.Silo.Auth;
using OrleansVm.Silo.Bench;

namespace OrleansVm.Silo.Api;

/// <summary>
/// Benchmark endpoints, mapped only with <c>--enable-bench-endpoints</c>, no token:
/// <c>POST /api/v1/_bench/echo</c> returns the JSON body as is, the bare-HTTP baseline the event path is measured
/// against; <c>POST /api/v1/_bench/grain-echo/{key}</c> and <c>POST /api/v1/_bench/grain-write/{key}</c> do the same
/// after one call to a probe grain, the second after its durable write (<see cref="IBenchProbeGrain"/>: the floors
/// below any event); <c>GET /api/v1/_bench/runtime</c> reports the process's allocated bytes, GC counts and pause time, CPU
/// time and grain calls by method, so the benchmark can report bytes, CPU and calls per request from two snapshots.
/// </summary>
public static class BenchRoutes
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/_bench/echo", async (HttpRequest request) =>
            Results.Bytes(await JsonBody.ReadBytesAsync(request), "application/json")).RequireAccess(ApiAccess.Anyone);
        MapProbe(api, "grain-echo", probe => probe.PingAsync());
        MapProbe(api, "grain-write", probe => probe.WriteAsync());
        api.MapGet("/_bench/runtime", (BenchCallCounter calls) => Results.Ok(new
        {
            allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
            gen0 = GC.CollectionCount(0),
            gen1 = GC.CollectionCount(1),
            gen2 = GC.CollectionCount(2),
            gcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
            cpuMs = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
            grainCalls = calls.Snapshot(),
        })).RequireAccess(ApiAccess.Anyone);
    }

    // The echo after one call to the probe grain keyed by the route's key.
    private static void MapProbe(RouteGroupBuilder api, string name, Func<IBenchProbeGrain, Task> call) =>
        api.MapPost($"/_bench/{name}/{{key}}", async (string key, HttpRequest request, IGrainFactory grains) =>
        {
            var body = await JsonBody.ReadBytesAsync(request);
            await call(grains.Ref<IBenchProbeGrain>(key));
            return Results.Bytes(body, "application/json");
        }).RequireAccess(ApiAccess.Anyone);
}
