namespace OrleansVm.Silo.Api.Models;

/// <summary>Checks the string lists of request bodies: JSON null entries are not names (the grains validate and normalize the names).</summary>
public static class NameLists
{
    public static IReadOnlyList<string> Require(IReadOnlyList<string>? names, string field)
    {
        if (names is null) return [];
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] is null) throw ApiErrors.BadBody($"Field '{field}[{i}]' must be a string, not null.", $"{field}[{i}]");
        }
        return names;
    }
}
