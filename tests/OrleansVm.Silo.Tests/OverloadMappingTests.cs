using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OrleansVm.Grains;
using OrleansVm.Silo.Api;

namespace OrleansVm.Silo.Tests;

/// <summary>A workspace whose sandbox queue is full is told 429 OVERLOADED with Retry-After (issue 12/13), never 500 or a long wait.</summary>
public sealed class OverloadMappingTests
{
    private static OrleansVmException Overloaded() => new(ErrorCodes.Overloaded, "queue full",
        new JsonObject { ["retryAfterSeconds"] = 1, ["queued"] = 32 });

    [Fact]
    public void Overloaded_is_429_with_a_retry_after()
    {
        var error = ErrorMapping.Map(Overloaded());

        Assert.Equal((429, ErrorCodes.Overloaded), (error.Status, error.Code));
        Assert.Equal(1, error.RetryAfterSeconds);
        Assert.Equal(429, ErrorMapping.StatusOf(ErrorCodes.Overloaded));
    }

    [Fact]
    public void Other_errors_carry_no_retry_after()
    {
        Assert.Null(ErrorMapping.Map(new OrleansVmException(ErrorCodes.NotFound, "x")).RetryAfterSeconds);
    }

    [Fact]
    public async Task The_response_has_the_Retry_After_header_and_the_envelope()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await ApiErrorWriter.WriteAsync(context.Response, ErrorMapping.Map(Overloaded()));

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("OVERLOADED", (string?)body["error"]!["code"]);
    }
}
