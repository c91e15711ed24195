using OrleansVm.Grains;

namespace OrleansVm.Silo.Api;

/// <summary>Checks route ids against http-api.md's rules: a bad id is 400 VALIDATION_ERROR naming the field.</summary>
public static class RouteIds
{
    public static void RequireWorkspace(string value) =>
        Require(Ids.IsWorkspaceId(value), "workspaceId", value, "^[a-z0-9][a-z0-9-]{0,62}$");

    public static void RequirePackage(string value, string field = "packageId") =>
        Require(Ids.IsPackageId(value), field, value, "^[a-z][a-z0-9-]{0,63}$");

    public static void RequireVersion(string value, string field = "version") =>
        Require(Ids.IsVersion(value), field, value, "a semantic version like 1.0.0 or 1.0.0-beta.1");

    public static void RequireInstance(string value) =>
        Require(Ids.IsInstanceId(value), "instanceId", value, "{packageId}@ followed by 8 characters of [A-Za-z0-9_-]");

    public static void RequireDomain(string value, string field = "domain") =>
        Require(Ids.IsDomain(value), field, value, "^[a-z][a-z0-9-]{0,63}$");

    public static void RequireName(string value, string field) =>
        Require(value.Length is > 0 and <= 128 && !value.Any(char.IsControl), field, value, "1 to 128 characters, no control characters");

    private static void Require(bool valid, string field, string value, string rule)
    {
        if (!valid) throw ApiErrors.Validation(field, $"'{Shorten(value)}' is not a valid {field} (expected {rule}).");
    }

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
