namespace OrleansVm.Sandbox;

/// <summary>The native modules a host offers. Thread-safe; hosts may register their own.</summary>
public sealed class NativeModuleRegistry
{
    /// <summary>JavaScript built-ins: always present, never configurable as modules.</summary>
    public static readonly IReadOnlySet<string> BuiltInNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "console", "math", "json", "date", "array", "string", "object", "promise", "regexp", "error",
        "number", "boolean", "function", "global",
    };

    private readonly object _gate = new();
    private Dictionary<string, NativeModule> _modules = new(StringComparer.Ordinal);

    public static NativeModuleRegistry CreateDefault()
    {
        var registry = new NativeModuleRegistry();
        registry.Register(new TimeModule());
        registry.Register(new CryptoModule());
        registry.Register(new KvModule());
        return registry;
    }

    public IReadOnlyList<NativeModule> All => _modules.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

    public static string NormalizeName(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Adds a module; refuses built-in names (MODULE_NOT_ALLOWED) and a name already taken.</summary>
    public void Register(NativeModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var name = NormalizeName(module.Name);
        if (name.Length == 0 || name != module.Name)
            throw new ArgumentException($"Module name \"{module.Name}\" must be non-empty, trimmed and lower-case", nameof(module));
        if (BuiltInNames.Contains(name)) throw BuiltIn(name);
        lock (_gate)
        {
            if (_modules.ContainsKey(name)) throw new ArgumentException($"Module \"{name}\" is already registered", nameof(module));
            _modules = new Dictionary<string, NativeModule>(_modules, StringComparer.Ordinal) { [name] = module };
        }
    }

    public bool Contains(string name) => _modules.ContainsKey(NormalizeName(name));

    public NativeModule? Find(string name) => _modules.GetValueOrDefault(NormalizeName(name));

    /// <summary>Trims, lower-cases and de-duplicates; built-ins and unknown names give MODULE_NOT_ALLOWED.</summary>
    public IReadOnlySet<string> NormalizeNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in names)
        {
            var name = NormalizeName(raw ?? "");
            if (BuiltInNames.Contains(name)) throw BuiltIn(name);
            if (!_modules.ContainsKey(name)) throw Unknown(name);
            result.Add(name);
        }
        return result;
    }

    internal static SandboxException BuiltIn(string name) =>
        new(SandboxErrorCodes.ModuleNotAllowed, $"\"{name}\" is a JavaScript built-in and cannot be configured");

    internal static SandboxException Unknown(string name) =>
        new(SandboxErrorCodes.ModuleNotAllowed, $"\"{name}\" is not a registered native module");
}
