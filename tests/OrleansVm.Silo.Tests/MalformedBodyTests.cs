using System.Net;
using System.Text;

namespace OrleansVm.Silo.Tests;

/// <summary>Request bodies: malformed JSON, unknown fields, wrong types, missing fields, too large.</summary>
public sealed class MalformedBodyTests(SiloFixture fixture) : IClassFixture<SiloFixture>
{
    private ApiClient Operator { get; } = fixture.Silo.Client();

    [Theory]
    [InlineData("{", "Malformed JSON")]
    [InlineData("{\"workspaceId\": }", "Malformed JSON")]
    [InlineData("not json", "Malformed JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("null", "must be a JSON object")]
    [InlineData("", "body is required")]
    public async Task Unreadable_bodies_are_400_invalid_request(string body, string message)
    {
        var response = (await Operator.SendAsync(HttpMethod.Post, "api/v1/workspaces", body)).Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");

        Assert.Contains(message, response.Json!["error"]!["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"workspaceId":"ok-ws","extra":1}""", "extra", "Unknown field 'extra'")]
    [InlineData("""{"WorkspaceId":"ok-ws"}""", "WorkspaceId", "Unknown field 'WorkspaceId'")]
    [InlineData("""{"workspaceId":5}""", "workspaceId", "Field 'workspaceId' has the wrong type (expected string)")]
    [InlineData("""{"workspaceId":null}""", "workspaceId", "'workspaceId' must not be null")]
    [InlineData("""{}""", "workspaceId", "Missing required field 'workspaceId'")]
    [InlineData("""{"workspaceId":"a","workspaceId":"b"}""", "workspaceId", "Duplicate field")]
    public async Task Wrong_fields_are_400_naming_the_field(string body, string field, string message)
    {
        var response = (await Operator.SendAsync(HttpMethod.Post, "api/v1/workspaces", body)).Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");

        Assert.Equal(field, response.ErrorField);
        Assert.Contains(message, response.Json!["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain("System.", response.Text);
    }

    [Theory]
    [InlineData("""{"code":"x","manifest":{"capabilities":{"readShared":"counter-summary"}}}""", "manifest.capabilities.readShared")]
    [InlineData("""{"code":"x","manifest":{"modules":[1]}}""", "manifest.modules[0]")]
    [InlineData("""{"code":"x","manifest":{"title":"t","color":"red"}}""", "manifest.color")]
    [InlineData("""{"code":"x","manifest":{"modules":[null]}}""", "manifest.modules[0]")]
    [InlineData("""{"code":7}""", "code")]
    public async Task Nested_mistakes_name_the_nested_field(string body, string field)
    {
        var response = (await Operator.SendAsync(HttpMethod.Put, "api/v1/packages/nested-test/versions/1.0.0", body))
            .Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");

        Assert.Equal(field, response.ErrorField);
    }

    [Fact]
    public async Task Event_args_may_be_any_json_but_the_handler_must_be_a_string()
    {
        var response = (await Operator.SendAsync(HttpMethod.Post, "api/v1/workspaces/demo/instances/counter@AAAAAAAA/widgets/counter/events", """{"handler":["x"]}"""))
            .Expect(HttpStatusCode.BadRequest, "INVALID_REQUEST");

        Assert.Equal("handler", response.ErrorField);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_413()
    {
        var big = "{\"code\":\"" + new string('a', 1024 * 1024) + "\"}";

        var response = await Operator.SendAsync(HttpMethod.Put, "api/v1/packages/big-one/versions/1.0.0", big);

        response.Expect(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task A_chunked_body_over_one_mebibyte_is_413()
    {
        var big = Encoding.UTF8.GetBytes("{\"code\":\"" + new string('a', 1024 * 1024 + 10) + "\"}");

        var response = await Operator.SendAsync(HttpMethod.Put, "api/v1/packages/big-two/versions/1.0.0", adjust: request =>
        {
            request.Content = new StreamContent(new MemoryStream(big)); // no Content-Length: sent chunked
            request.Headers.TransferEncodingChunked = true;
        });

        response.Expect(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task A_body_of_exactly_one_mebibyte_is_read()
    {
        var prefix = "{\"code\":\"";
        var suffix = "\"}";
        var body = prefix + new string('a', 1024 * 1024 - prefix.Length - suffix.Length) + suffix;

        var response = await Operator.SendAsync(HttpMethod.Put, "api/v1/packages/exact-size/versions/1.0.0", body);

        // Not too large: the code is read and refused by the sandbox's own 256 KiB code limit instead.
        response.Expect((HttpStatusCode)422);
    }
}
