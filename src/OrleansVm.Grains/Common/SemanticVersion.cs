namespace OrleansVm.Grains;

/// <summary>Semantic-version precedence (semver.org §11) for "latest version" of a package.</summary>
public static class SemanticVersion
{
    public static int Compare(string left, string right)
    {
        var (leftCore, leftPre) = Split(left);
        var (rightCore, rightPre) = Split(right);
        for (var i = 0; i < 3; i++)
        {
            var c = CompareNumeric(leftCore[i], rightCore[i]);
            if (c != 0) return c;
        }

        // A version without pre-release ranks above one with.
        if (leftPre is null || rightPre is null) return (leftPre is null ? 1 : 0) - (rightPre is null ? 1 : 0);
        var l = leftPre.Split('.');
        var r = rightPre.Split('.');
        for (var i = 0; i < Math.Min(l.Length, r.Length); i++)
        {
            var lNum = l[i].All(char.IsAsciiDigit);
            var rNum = r[i].All(char.IsAsciiDigit);
            var c = lNum && rNum ? CompareNumeric(l[i], r[i])
                : lNum ? -1
                : rNum ? 1
                : string.CompareOrdinal(l[i], r[i]);
            if (c != 0) return Math.Sign(c);
        }

        return l.Length.CompareTo(r.Length);
    }

    private static (string[] Core, string? PreRelease) Split(string version)
    {
        var dash = version.IndexOf('-');
        var core = (dash < 0 ? version : version[..dash]).Split('.');
        return (core, dash < 0 ? null : version[(dash + 1)..]);
    }

    // Digits only, any length: compare without overflow.
    private static int CompareNumeric(string left, string right)
    {
        left = left.TrimStart('0');
        right = right.TrimStart('0');
        return left.Length != right.Length ? left.Length.CompareTo(right.Length) : Math.Sign(string.CompareOrdinal(left, right));
    }
}
