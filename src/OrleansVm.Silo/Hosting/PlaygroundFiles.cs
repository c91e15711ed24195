using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using OrleansVm.Silo.Api;

namespace OrleansVm.Silo.Hosting;

/// <summary>
/// Serves the built web playground at <c>/</c> without auth: hashed assets cached for long,
/// <c>index.html</c> never cached, and <c>index.html</c> for unknown non-API paths (client-side routes).
/// </summary>
public sealed class PlaygroundFiles
{
    public const string DefaultFolderName = "playground";
    private const string IndexFile = "index.html";

    private PlaygroundFiles(string? root) => Root = root;

    /// <summary>The directory served, or null when no built playground was found.</summary>
    public string? Root { get; }

    public static PlaygroundFiles Locate(SiloSettings settings)
    {
        var candidate = string.IsNullOrWhiteSpace(settings.PlaygroundPath)
            ? Path.Combine(AppContext.BaseDirectory, DefaultFolderName)
            : Path.GetFullPath(settings.PlaygroundPath);
        return new PlaygroundFiles(File.Exists(Path.Combine(candidate, IndexFile)) ? candidate : null);
    }

    public void UseIn(WebApplication app)
    {
        if (Root is null) return;
        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        var contentTypes = new FileExtensionContentTypeProvider();
        contentTypes.Mappings[".map"] = "application/json"; // vite's source maps, for the browser's dev tools
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = contentTypes,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.File.Name == IndexFile ? "no-cache" : "public, max-age=31536000, immutable",
        });
    }

    /// <summary>The fallback endpoint: the API's 404 envelope under /api, else the page's index.html.</summary>
    public async Task FallbackAsync(HttpContext context)
    {
        if (ApiPaths.IsApi(context.Request.Path)) throw ApiErrors.RouteNotFound(context.Request.Method, context.Request.Path);
        if (Root is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Root is null
                ? "The web playground is not built: run `npm ci && npm run build` in src/OrleansVm.Playground (or set OrleansVm:PlaygroundPath). The API is at /api/v1."
                : "Not found.");
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        await context.Response.SendFileAsync(Path.Combine(Root, IndexFile));
    }
}
