namespace OrleansVm.TestSupport;

/// <summary>A fresh directory under the system temp path, deleted (with its content) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "orleansvm-test")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    /// <summary>A path inside this directory (nothing is created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        // A database closing its last connection may still be removing its -wal/-shm files: retry briefly,
        // and never fail a test over cleanup of a temp directory.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(50 * attempt);
            }
            catch (IOException)
            {
                return;
            }
        }
    }

    public override string ToString() => Path;
}
