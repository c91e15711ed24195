namespace OrleansVm.Sandbox.Hardening;

/// <summary>Bracket depth of JSON text (strings skipped), checked before Jint's recursive JSON parser sees it.</summary>
internal static class JsonNesting
{
    public static int MaxDepth(string text)
    {
        int depth = 0, max = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[' or '{':
                    if (++depth > max) max = depth;
                    break;
                case ']' or '}':
                    depth--;
                    break;
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                        if (text[i] == '\\') i++;
                    break;
            }
        }
        return max;
    }
}
