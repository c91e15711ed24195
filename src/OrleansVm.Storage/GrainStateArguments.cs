using System.Text;

namespace OrleansVm.Storage;

/// <summary>
/// The argument rules of <see cref="IGrainStateStore"/>, shared by every provider so that each one
/// refuses the same input the same way, before touching storage.
/// </summary>
public static class GrainStateArguments
{
    // Invalid UTF-8 is refused up front rather than silently replaced by U+FFFD in storage.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void ValidateAddress(string stateType, string grainKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateType);
        ArgumentException.ThrowIfNullOrEmpty(grainKey);
    }

    public static void ValidateEtag(long expectedEtag) => ArgumentOutOfRangeException.ThrowIfNegative(expectedEtag);

    /// <summary>Checks a state payload and returns it as text.</summary>
    public static string ValidatePayload(ReadOnlyMemory<byte> json)
    {
        if (json.IsEmpty)
        {
            throw new ArgumentException("State JSON must not be empty (empty means cleared; use ClearAsync).", nameof(json));
        }

        // Raw NUL never occurs in valid JSON and PostgreSQL text cannot hold it: refuse it the same way everywhere.
        if (json.Span.IndexOf((byte)0) >= 0)
        {
            throw new ArgumentException("State JSON must not contain NUL bytes.", nameof(json));
        }

        try
        {
            return StrictUtf8.GetString(json.Span);
        }
        catch (DecoderFallbackException exception)
        {
            throw new ArgumentException("State JSON must be valid UTF-8.", nameof(json), exception);
        }
    }
}
