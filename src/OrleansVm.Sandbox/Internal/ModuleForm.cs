using System.Text.RegularExpressions;

namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// The optional module form of a plugin, <c>export default definePlugin(...)</c>: a plugin is one
/// script with nothing to import, so the leading <c>export default</c> of that one statement is
/// dropped (blanked, so line and column numbers stay exact). Any other import/export is a syntax error.
/// </summary>
internal static partial class ModuleForm
{
    [GeneratedRegex(@"^(\s*)export\s+default(?=\s+definePlugin\s*\()", RegexOptions.Multiline)]
    private static partial Regex ExportDefault();

    public static string ToScript(string code)
    {
        var matches = ExportDefault().Matches(code);
        if (matches.Count != 1) return code;
        var match = matches[0];
        var keyword = match.Value[match.Groups[1].Length..];
        var blank = new string(keyword.Select(c => c == '\n' || c == '\r' ? c : ' ').ToArray());
        return string.Concat(code.AsSpan(0, match.Index + match.Groups[1].Length), blank, code.AsSpan(match.Index + match.Length));
    }
}
