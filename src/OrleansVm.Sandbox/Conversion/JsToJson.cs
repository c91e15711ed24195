using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using OrleansVm.Sandbox.Internal;

namespace OrleansVm.Sandbox.Conversion;

/// <summary>
/// Copies a script value into host JSON, the way JSON.stringify would see it (functions and
/// undefined dropped, non-finite numbers null), without calling anything the script can
/// replace. Getters do run (they are script code under the call's budget). Stops early on
/// cycles, on depth and on size, so a 10-million-node value costs no more than the limit.
/// </summary>
internal sealed class JsToJson
{
    private const int MaxDepth = 256;
    private readonly CallBudget _budget;
    private readonly long _maxBytes;
    private readonly List<ObjectInstance> _ancestors = [];
    // The path is only needed for an error message: kept as segments, joined only on failure
    // (building ".key" / "[i]" strings for every value was ~1/3 of converting a render tree).
    private readonly List<(string? Key, uint Index)> _path = [];
    private long _bytes;

    public JsToJson(CallBudget budget, long maxBytes)
    {
        _budget = budget;
        _maxBytes = maxBytes;
    }

    /// <summary>Approximate JSON size of what was converted (exact for ASCII without escapes).</summary>
    public long Bytes => _bytes;

    /// <summary>
    /// True when the serialized size cannot exceed <paramref name="maxBytes"/>, so the exact
    /// measurement can be skipped: no counted unit serializes to more than 6 bytes (a char
    /// escaped as \uXXXX; a number counted as 8 is at most 24 characters).
    /// </summary>
    public bool CertainlyWithin(long maxBytes) => _bytes <= maxBytes / 6;

    /// <summary>Converts; an undefined or function root gives <c>absent = true</c>.</summary>
    public JsonNode? Convert(JsValue value, string rootPath, out bool absent)
    {
        _path.Clear();
        _path.Add((rootPath, 0));
        return Value(value, out absent);
    }

    private JsonNode? Value(JsValue value, out bool absent)
    {
        absent = false;
        switch (value.Type)
        {
            case Types.Undefined:
                absent = true;
                return null;
            case Types.Null:
                Count(4);
                return null;
            case Types.Boolean:
                Count(5);
                return JsonValue.Create(value.AsBoolean());
            case Types.String:
                return String(value.AsString());
            case Types.Number:
                return Number(value.AsNumber());
        }

        var obj = value.AsObject();
        if (obj is Jint.Native.Function.Function)
        {
            absent = true;
            return null;
        }
        // Primitive wrappers convert as JSON.stringify converts them (its ToString/ToNumber may run script, under the call's budget).
        var type = obj.GetType();
        if (type == PrimitiveWrappers.String) return String(TypeConverter.ToString(value));
        if (type == PrimitiveWrappers.Number) return Number(TypeConverter.ToNumber(value));
        if (type == PrimitiveWrappers.Boolean) { Count(5); return JsonValue.Create(TypeConverter.ToBoolean(value)); }
        if (obj is JsDate date) return Date(date);

        Enter(obj);
        var node = obj is ArrayInstance array ? Array(array) : (JsonNode)Object(obj);
        _ancestors.RemoveAt(_ancestors.Count - 1);
        return node;
    }

    private JsonNode String(string s)
    {
        Count(s.Length + 2);
        return JsonValue.Create(s);
    }

    private JsonNode? Number(double d)
    {
        if (!double.IsFinite(d))
        {
            Count(4);
            return null;
        }
        Count(8);
        return JsonNumbers.Create(d);
    }

    private JsonNode? Date(JsDate date)
    {
        var ms = date.DateValue;
        if (double.IsNaN(ms)) return Number(double.NaN);
        var text = DateTime.UnixEpoch.AddMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return String(text);
    }

    private void Enter(ObjectInstance obj)
    {
        foreach (var ancestor in _ancestors)
            if (ReferenceEquals(ancestor, obj)) throw Fail(JsonConversionFailure.Cycle, "is cyclic");
        if (_ancestors.Count >= MaxDepth) throw Fail(JsonConversionFailure.TooDeep, $"is nested deeper than {MaxDepth}");
        _ancestors.Add(obj);
    }

    private JsonArray Array(ArrayInstance array)
    {
        var length = TypeConverter.ToUint32(array.Get("length"));
        Count(2 + length); // every element costs at least one character
        var result = new JsonArray();
        for (uint i = 0; i < length; i++)
        {
            _path.Add((null, i));
            var element = Value(array[i], out var absent);
            result.Add(absent ? null : element);
            _path.RemoveAt(_path.Count - 1);
            if ((i & 255) == 255) _budget.CheckTime();
        }
        return result;
    }

    private JsonObject Object(ObjectInstance obj)
    {
        Count(2);
        var result = new JsonObject();
        // Snapshot the properties: a getter may add or remove properties while we read.
        var entries = new List<(string Key, PropertyDescriptor Descriptor)>();
        var hasAccessor = false;
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (!descriptor.Enumerable || !key.IsString()) continue;
            entries.Add((key.AsString(), descriptor));
            hasAccessor |= descriptor.IsAccessorDescriptor();
        }
        foreach (var (key, descriptor) in entries)
        {
            _path.Add((key, 0));
            // With no accessor, no script runs while this object is read, so the snapshot's values are
            // current (one lookup instead of two); with one, every value is read as JSON.stringify would.
            var raw = hasAccessor ? obj.Get(key) : descriptor.Value ?? JsValue.Undefined;
            var value = Value(raw, out var absent);
            if (!absent)
            {
                Count(key.Length + 4);
                result[key] = value;
            }
            _path.RemoveAt(_path.Count - 1);
        }
        _budget.CheckTime();
        return result;
    }

    private void Count(long bytes)
    {
        _bytes += bytes;
        if (_bytes > _maxBytes) throw Fail(JsonConversionFailure.TooLarge, $"is larger than {_maxBytes} bytes as JSON");
    }

    private JsonConversionException Fail(JsonConversionFailure failure, string what)
    {
        var path = CurrentPath();
        return new JsonConversionException(failure, path, $"{path} {what}");
    }

    private string CurrentPath()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < _path.Count; i++)
        {
            var (key, index) = _path[i];
            if (i == 0) builder.Append(key); // the root's name
            else if (key is not null) builder.Append('.').Append(key);
            else builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
        return builder.ToString();
    }
}
