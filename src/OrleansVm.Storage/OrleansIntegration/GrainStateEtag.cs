using System.Globalization;

namespace OrleansVm.Storage;

/// <summary>
/// Orleans' ETag is an opaque string; the record store's is a long (0 = no record). The mapping: null ↔ 0
/// (Orleans' "never read a record"), otherwise the decimal digits of the long, invariant culture.
/// </summary>
internal static class GrainStateEtag
{
    public static string? ToOrleans(long etag) => etag == 0 ? null : etag.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// False for a string this store never issued (not a positive decimal long): such an ETag can never match,
    /// so the caller treats it as a conflict, as Orleans' providers do for a foreign ETag.
    /// </summary>
    public static bool TryFromOrleans(string? etag, out long value)
    {
        if (string.IsNullOrEmpty(etag))
        {
            value = 0;
            return true;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }
}
