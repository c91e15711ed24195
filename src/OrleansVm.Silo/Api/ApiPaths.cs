namespace OrleansVm.Silo.Api;

public static class ApiPaths
{
    public const string Prefix = "/api";
    public const string V1 = "/api/v1";

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
