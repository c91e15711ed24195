using System.Buffers;
using System.Text.Json;

namespace OrleansVm.Silo.Api;

/// <summary>
/// Reads a request body as <typeparamref name="T"/> under the API's rules: at most 1 MiB (413), strict
/// JSON (400 INVALID_REQUEST with the field named). Reading it here instead of minimal-API binding keeps
/// every failure in the error envelope.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <param name="emptyAs">What an empty body means (e.g. <c>{}</c> for a token request); null: an empty body is an error.</param>
    public static async Task<T> ReadAsync<T>(HttpRequest request, T? emptyAs = null)
        where T : class
    {
        var bytes = await ReadBytesAsync(request);
        if (bytes.Length == 0)
            return emptyAs ?? throw ApiErrors.BadBody("A JSON request body is required.");
        try
        {
            RequestJsonGuard.Check(bytes); // first: binding would let some of it through inside free-form values
            return JsonSerializer.Deserialize<T>(bytes, ApiJson.Requests)
                ?? throw ApiErrors.BadBody("The request body must be a JSON object, not null.");
        }
        catch (JsonException ex)
        {
            throw JsonErrorDescriber.Describe(ex, typeof(T));
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json decodes a string's UTF-8 lazily and reports bad bytes this way, not as a JsonException.
            throw ApiErrors.BadBody("Malformed JSON: a string is not valid UTF-8.");
        }
    }

    /// <summary>The body's bytes, refusing more than <see cref="MaxBytes"/> whatever Content-Length claims.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes) throw ApiErrors.TooLarge(MaxBytes);
        // A declared length sizes the buffer exactly (+1 for the read that sees the end), so a small event body
        // costs one small array rather than an 8 KiB one per request; an undeclared length reads in 8 KiB steps.
        var declared = request.ContentLength is > 0 and var length ? (int)length : 0;
        var buffer = new ArrayBufferWriter<byte>(declared > 0 ? declared + 1 : 4096);
        var sizeHint = declared > 0 ? 1 : 8192;
        while (true)
        {
            var memory = buffer.GetMemory(sizeHint);
            var read = await request.Body.ReadAsync(memory, request.HttpContext.RequestAborted);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes) throw ApiErrors.TooLarge(MaxBytes);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
