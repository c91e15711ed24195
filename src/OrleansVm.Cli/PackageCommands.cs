using System.CommandLine;
using System.Text.Json;
using OrleansVm.Client.Models;

namespace OrleansVm.Cli;

/// <summary><c>orleansvm package publish</c>: a plugin file to a published version on the cluster (operator token).</summary>
internal static class PackageCommands
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        // The silo rejects unknown manifest fields; say so here, before the upload.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static Command Create(CliConsole console)
    {
        var package = new Command("package", "Publish plugin packages to a silo (operator)");
        var options = new ClusterOptions();
        options.AddTo(package);
        package.Add(CreatePublish(console, options));
        return package;
    }

    private static Command CreatePublish(CliConsole console, ClusterOptions options)
    {
        var command = new Command("publish", "Publish a plugin file as a package version");
        var file = new Argument<FileInfo>("file") { Description = "The plugin's JavaScript file" };
        var manifest = new Option<FileInfo?>("--manifest")
        {
            Description = "The manifest (title, description, capabilities, modules); default: <file>.manifest.json next to the file, if there is one",
        };
        var id = new Option<string?>("--id", "--package") { Description = "The package id (default: the file name without .js)" };
        var version = new Option<string>("--version") { Description = "The version to publish", DefaultValueFactory = _ => "0.1.0" };
        command.Add(file);
        command.Add(manifest);
        command.Add(id);
        command.Add(version);

        command.SetAction((parseResult, cancellationToken) => ClusterRunner.RunAsync(console, options, parseResult, async (client, ct) =>
        {
            var source = parseResult.GetRequiredValue(file);
            var code = await ReadFileAsync(source, ct);
            var manifestFile = parseResult.GetValue(manifest) ?? DefaultManifest(source);
            var body = manifestFile is null ? null : await ReadManifestAsync(manifestFile, ct);
            var packageId = parseResult.GetValue(id) ?? Path.GetFileNameWithoutExtension(source.Name);

            var published = await client.PublishPackageAsync(packageId, parseResult.GetRequiredValue(version), new PublishPackageRequest(code, body), ct);
            var verb = published.Created ? "published" : "already published (same content)";
            return new ClusterResult(published, $"{published.PackageId} {published.Version} {verb}: \"{published.Title}\", widgets {string.Join(", ", published.Widgets)}");
        }, cancellationToken));
        return command;
    }

    private static FileInfo? DefaultManifest(FileInfo source)
    {
        var candidate = new FileInfo(Path.Combine(source.DirectoryName ?? ".", Path.GetFileNameWithoutExtension(source.Name) + ".manifest.json"));
        return candidate.Exists ? candidate : null;
    }

    private static async Task<PackageManifest> ReadManifestAsync(FileInfo file, CancellationToken ct)
    {
        var text = await ReadFileAsync(file, ct);
        try
        {
            return JsonSerializer.Deserialize<PackageManifest>(text, ManifestJson)
                ?? throw new CliUsageException(CliErrorCodes.FileError, $"{file.FullName} holds null, not a manifest");
        }
        catch (JsonException e)
        {
            throw new CliUsageException(CliErrorCodes.FileError, $"{file.FullName} is not a manifest: {e.Message}");
        }
    }

    private static async Task<string> ReadFileAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException(CliErrorCodes.FileError, $"Cannot read {file.FullName}: {e.Message}");
        }
    }
}
