using OrleansVm.TestSupport;

namespace OrleansVm.Cli.Tests;

/// <summary>Throwaway plugin files for one test.</summary>
internal sealed class PluginScripts : IDisposable
{
    private readonly TempDirectory _directory = new("orleansvm-cli-test");

    public string Write(string fileName, string code)
    {
        var path = _directory.Combine(fileName);
        File.WriteAllText(path, code);
        return path;
    }

    /// <summary>A plugin with one widget <c>main</c> whose render and handler <c>run</c> are the given bodies.</summary>
    public string WriteWidget(string fileName, string renderBody, string handlerBody) => Write(fileName, $$"""
        definePlugin(function (ctx) {
          var ui = ctx.ui;
          return {
            initialState: { n: 0 },
            widgets: {
              main: {
                render: function (props) { {{renderBody}} },
                handlers: { run: function (h, args) { {{handlerBody}} } }
              }
            }
          };
        });
        """);

    public void Dispose() => _directory.Dispose();
}
