using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Storage;
using OrleansVm.Grains;
using OrleansVm.Sandbox;
using OrleansVm.Silo.Api;

namespace OrleansVm.Silo.Tests;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData("PLUGIN_LOAD_ERROR", 422)]
    [InlineData("PLUGIN_RUNTIME_ERROR", 422)]
    [InlineData("RUNTIME_TIMEOUT", 422)]
    [InlineData("LIMIT_EXCEEDED", 422)]
    [InlineData("RENDER_INVALID", 422)]
    [InlineData("INTENT_INVALID", 422)]
    [InlineData("MODULE_NOT_ALLOWED", 422)]
    [InlineData("WIDGET_NOT_FOUND", 404)]
    [InlineData("HANDLER_NOT_FOUND", 404)]
    [InlineData("SOMETHING_NEW", 422)]
    public void Sandbox_failures_are_the_plugins_never_500(string code, int status)
    {
        var error = ErrorMapping.Map(new SandboxException(code, "boom"));

        Assert.Equal((status, code), (error.Status, error.Code));
    }

    [Theory]
    [InlineData("VALIDATION_ERROR", 400)]
    [InlineData("NOT_FOUND", 404)]
    [InlineData("PACKAGE_NOT_FOUND", 404)]
    [InlineData("INSTANCE_NOT_FOUND", 404)]
    [InlineData("DOMAIN_NOT_FOUND", 404)]
    [InlineData("WORKSPACE_NOT_FOUND", 404)]
    [InlineData("PACKAGE_VERSION_EXISTS", 409)]
    [InlineData("WORKSPACE_EXISTS", 409)]
    [InlineData("UNAVAILABLE", 503)]
    [InlineData("RUNTIME_TIMEOUT", 422)]
    public void Grain_codes_map_to_their_statuses(string code, int status)
    {
        var error = ErrorMapping.Map(new OrleansVmException(code, "x"));

        Assert.Equal((status, code), (error.Status, error.Code));
    }

    public static TheoryData<Exception> Unavailable => new()
    {
        new TimeoutException("slow"),
        new SiloUnavailableException("stopping"),
        new TimeoutException(),
        new InconsistentStateException("conflict", "1", "2"),
        new AggregateException(new TimeoutException("slow")),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void Unreachable_owners_and_timeouts_are_503(Exception exception)
    {
        var error = ErrorMapping.Map(exception);

        Assert.Equal((503, "UNAVAILABLE"), (error.Status, error.Code));
    }

    [Fact]
    public void Anything_else_is_500_internal_without_its_message()
    {
        var error = ErrorMapping.Map(new InvalidOperationException("connection string Password=hunter2"));

        Assert.Equal((500, "INTERNAL"), (error.Status, error.Code));
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Null(error.Details);
    }

    [Fact]
    public async Task Over_http_a_server_fault_is_500_without_a_stack_trace_and_a_timeout_is_503()
    {
        await using var silo = await TestSilo.StartAsync(beforeStart: app =>
        {
            app.MapGet("/api/v1/_test/fault", (HttpContext _) => ThrowFault());
            app.MapGet("/api/v1/_test/timeout", (HttpContext _) => ThrowTimeout());
        });
        using var client = silo.Client();

        var fault = (await client.GetAsync("api/v1/_test/fault")).Expect(HttpStatusCode.InternalServerError, "INTERNAL");
        Assert.DoesNotContain("ThrowFault", fault.Text);
        Assert.DoesNotContain("secret detail", fault.Text);
        Assert.DoesNotContain(" at ", fault.Text);

        (await client.GetAsync("api/v1/_test/timeout")).Expect(HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");
        (await client.GetAsync("api/v1/health")).Expect(HttpStatusCode.OK);
    }

    private static IResult ThrowFault() => throw new InvalidOperationException("secret detail");

    private static IResult ThrowTimeout() => throw new TimeoutException("IWorkspaceGrain.GetInfoAsync did not respond");
}
