using System.Globalization;

namespace OrleansVm.Storage.CrashWriter;

/// <summary>
/// One line on stdout per write the provider confirmed: <c>ACK\tkey\tetag\tsha256</c> or <c>CLR\tkey\tetag\t-</c>.
/// A line cut by the kill fails <see cref="TryParse"/> (the hash must be whole), so it is ignored, never misread.
/// </summary>
public sealed record Acknowledgement(string Key, long Etag, string? Sha256)
{
    public bool IsClear => Sha256 is null;

    public string ToLine() => $"{(IsClear ? "CLR" : "ACK")}\t{Key}\t{Etag.ToString(CultureInfo.InvariantCulture)}\t{Sha256 ?? "-"}\t.";

    public static bool TryParse(string line, out Acknowledgement acknowledgement)
    {
        acknowledgement = null!;
        var parts = line.Split('\t');
        if (parts.Length != 5 || parts[4] != "." || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var etag))
        {
            return false;
        }

        switch (parts[0])
        {
            case "ACK" when parts[3].Length == 64:
                acknowledgement = new Acknowledgement(parts[1], etag, parts[3]);
                return true;
            case "CLR" when parts[3] == "-":
                acknowledgement = new Acknowledgement(parts[1], etag, null);
                return true;
            default:
                return false;
        }
    }
}
