namespace OrleansVm.Sandbox.Internal;

/// <summary>
/// A cheap bracket-depth count (strings and comments skipped) that turns away absurdly nested
/// source before it reaches Jint's recursive-descent parser. It can be fooled by regex
/// literals, which is why the parser still runs on a thread sized for the worst case.
/// </summary>
internal static class NestingPrescan
{
    public const int MaxBracketDepth = 1000;

    public static int MaxDepth(string code)
    {
        int depth = 0, max = 0;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case '(' or '[' or '{':
                    if (++depth > max) max = depth;
                    break;
                case ')' or ']' or '}':
                    if (depth > 0) depth--;
                    break;
                case '"' or '\'':
                    i = SkipString(code, i, c);
                    break;
                case '/' when i + 1 < code.Length && code[i + 1] == '/':
                    i = code.IndexOf('\n', i) is var nl && nl < 0 ? code.Length : nl;
                    break;
                case '/' when i + 1 < code.Length && code[i + 1] == '*':
                    i = code.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close && close < 0 ? code.Length : close + 1;
                    break;
            }
        }
        return max;
    }

    private static int SkipString(string code, int start, char quote)
    {
        for (var i = start + 1; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '\\') i++;
            else if (c == quote || c == '\n') return i;
        }
        return code.Length;
    }
}
