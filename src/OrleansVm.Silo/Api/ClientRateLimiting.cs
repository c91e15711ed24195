using System.Net;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using OrleansVm.Grains;
using OrleansVm.Silo.Auth;
using OrleansVm.Silo.Hosting;

namespace OrleansVm.Silo.Api;

/// <summary>
/// Rate limiting at the HTTP edge (issue 12), with ASP.NET Core's rate limiter: a token bucket per client
/// token (requests without a client token: per remote address), so a client that ignores
/// <c>Retry-After</c> spends one cheap 429 per request instead of a grain call, and cannot slow another
/// token's requests. Operator tokens and non-API paths are not limited. A refused request is
/// <c>429 RATE_LIMITED</c> with <c>Retry-After</c> (whole seconds, at least 1) and the error envelope;
/// nothing ran. Partitions are keyed by the presented token (not the workspace it names: a forged
/// token naming a workspace must not use up that workspace's bucket).
/// </summary>
public static class ClientRateLimiting
{
    public static void Add(IServiceCollection services, SiloLimits limits)
    {
        if (limits.RateLimitPerSecond <= 0) return;
        var bucket = BucketOf(limits);
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, bucket));
            o.OnRejected = (rejected, _) => RejectAsync(rejected.HttpContext, rejected.Lease);
        });
    }

    /// <summary>Adds the limiter to the pipeline (after routing), unless it is off.</summary>
    public static void Use(IApplicationBuilder app, SiloLimits limits)
    {
        if (limits.RateLimitPerSecond > 0) app.UseRateLimiter();
    }

    /// <summary>The bucket's options: <c>perSecond</c> tokens a second (below 1 a second: one token per 1/perSecond s), <c>burst</c> at most.</summary>
    public static TokenBucketRateLimiterOptions BucketOf(SiloLimits limits)
    {
        var perSecond = limits.RateLimitPerSecond;
        var (tokens, period) = perSecond >= 1
            ? ((int)Math.Round(perSecond), TimeSpan.FromSeconds(1))
            : (1, TimeSpan.FromSeconds(1 / perSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.RateLimitBurst),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0, // refuse at once: a queued request would still hold a connection
            AutoReplenishment = true,
        };
    }

    private static RateLimitPartition<string> Partition(HttpContext context, TokenBucketRateLimiterOptions bucket)
    {
        // The benchmark endpoints (only with --enable-bench-endpoints) are the bare-HTTP baseline: nothing may refuse them.
        if (!ApiPaths.IsApi(context.Request.Path) || context.Request.Path.StartsWithSegments("/api/v1/_bench"))
            return RateLimitPartition.GetNoLimiter("");
        var token = Bearer(context.Request);
        if (token is not null && context.RequestServices.GetRequiredService<OperatorToken>().Matches(token))
            return RateLimitPartition.GetNoLimiter("");
        var key = ClientTokens.TryParse(token, out _, out _)
            ? "token:" + token
            : "address:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket);
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var error = new ApiError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            $"Too many requests for this token; retry after {seconds} s.",
            new JsonObject { ["retryAfterSeconds"] = seconds })
        {
            RetryAfterSeconds = seconds,
        };
        await ApiErrorWriter.WriteAsync(context.Response, error);
    }
}
