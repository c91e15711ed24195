namespace OrleansVm.Cli.Tests;

/// <summary>Issue 9: plugins are modern JavaScript; the CLI runs them like any other.</summary>
public class ModernPluginTests
{
    private const string Todo = """
        // Classes, private fields, arrows, destructuring, spread, template literals, ?. and ??, Map, async.
        class Todos {
          #items;
          constructor(items = []) { this.#items = [...items]; }
          add(text) { return new Todos([...this.#items, { text, done: false }]); }
          get count() { return this.#items.length; }
          toJSON() { return this.#items; }
        }

        export default definePlugin(({ ui }) => ({
          id: 'todo',
          initialState: { items: [] },
          reducers: {
            add: ({ items = [] }, { text }) => ({ items: new Todos(items).add(text).toJSON() }),
          },
          widgets: {
            main: {
              render: ({ pluginState }) => {
                const byDone = new Map([[true, 0], [false, 0]]);
                for (const { done } of pluginState?.items ?? []) byDone.set(done, byDone.get(done) + 1);
                return ui.text(`${byDone.get(false)} open`);
              },
              handlers: {
                async add(h, { value } = {}) {
                  const text = (await Promise.resolve(value))?.trim() ?? '';
                  if (text) h.dispatchPluginAction('add', { text });
                },
              },
            },
          },
        }));
        """;

    [Fact]
    public async Task Plugin_event_runs_a_modern_syntax_plugin()
    {
        using var scripts = new PluginScripts();
        var file = scripts.Write("todo.js", Todo);

        var result = await Cli.RunAsync("plugin", "event", file, "main", "add", "--args", """{"value":"  milk "}""");

        result.AssertExit(0);
        JsonAssert.Equal("""[{"scope":"plugin","actionType":"add","payload":{"text":"milk"}}]""", result.Json["intents"]);
        JsonAssert.Equal("""{"items":[{"text":"milk","done":false}]}""", result.Json["pluginState"]);
    }

    [Fact]
    public async Task Plugin_render_runs_a_modern_syntax_plugin()
    {
        using var scripts = new PluginScripts();
        var file = scripts.Write("todo.js", Todo);

        var result = await Cli.RunAsync("plugin", "render", file, "main", "--plugin-state", """{"items":[{"text":"a","done":false},{"text":"b","done":true}]}""");

        result.AssertExit(0);
        Assert.Equal("1 open", (string?)result.Json["tree"]!["text"]);
    }
}
