using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansVm.Sandbox.Internal;

/// <summary>Exact UTF-8 size of a JSON value as serialized, reusing one buffer per thread.</summary>
internal static class JsonSize
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    public static int Of(JsonNode? node)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        var writer = _writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        if (node is null) writer.WriteNullValue(); else node.WriteTo(writer);
        writer.Flush();
        var size = buffer.WrittenCount;
        if (buffer.Capacity > 1024 * 1024)
        {
            _buffer = null;
            _writer = null;
        }
        return size;
    }
}
