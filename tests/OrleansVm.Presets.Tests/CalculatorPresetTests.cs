using System.Text.Json.Nodes;
using OrleansVm.Sandbox;

namespace OrleansVm.Presets.Tests;

public class CalculatorPresetTests
{
    private const string PackageId = "calculator";
    private const string Widget = "display";
    private readonly PluginSandbox _plugin = PresetHost.Load(PackageId);

    [Fact]
    public void Renders_a_display_and_a_four_by_four_key_grid()
    {
        var tree = Render(_plugin.Metadata.InitialState);

        Assert.Equal(["0"], UiTree.Texts(tree));
        Assert.Empty(UiTree.Badges(tree));
        var rows = UiTree.OfKind(tree, "row").Select(row => UiTree.ButtonLabels(row)).ToList();
        Assert.Equal(
            [["7", "8", "9", "÷"], ["4", "5", "6", "×"], ["1", "2", "3", "−"], ["0", "C", "=", "+"]],
            rows);
        Assert.Equal("destructive", (string?)UiTree.Button(tree, "C")["props"]!["variant"]);
    }

    [Theory]
    [InlineData("2 + 3 =", "5")]
    [InlineData("1 2 + 3 =", "15")]
    [InlineData("9 − 1 2 =", "-3")]
    [InlineData("6 × 7 =", "42")]
    [InlineData("1 0 ÷ 4 =", "2.5")]
    [InlineData("1 ÷ 3 =", "0.333333333333")]   // 12 significant digits
    [InlineData("1 0 0 0 0 0 0 0 ÷ 3 =", "3333333.33333")]
    [InlineData("2 ÷ 3 × 3 =", "2")]             // rounding hides binary noise
    [InlineData("2 × 3 + 4 =", "10")]          // chained: each operator applies the pending one first
    [InlineData("2 + 3 +", "5")]                // the running total shows as soon as the next operator is pressed
    [InlineData("9 + × 2 =", "18")]             // a second operator replaces the pending one
    [InlineData("5 + =", "10")]                 // '=' without a second operand reuses the display
    [InlineData("2 + 3 = 4", "4")]              // a digit after '=' starts a new number
    [InlineData("0 0 7", "7")]                  // no leading zeros
    [InlineData("4 2 C", "0")]
    public void Behaves_like_a_pocket_calculator(string keys, string display)
    {
        var state = Press(keys);

        Assert.Equal(display, (string?)state["display"]);
        Assert.Equal([display], UiTree.Texts(Render(state)));
    }

    [Fact]
    public void Shows_the_pending_operation()
    {
        var tree = Render(Press("1 2 +"));

        Assert.Equal(["12"], UiTree.Texts(tree));
        Assert.Equal(["12 +"], UiTree.Badges(tree));
    }

    [Fact]
    public void Division_by_zero_shows_Error_until_a_new_number_or_clear()
    {
        Assert.Equal("Error", (string?)Press("7 ÷ 0 =")["display"]);
        Assert.Equal("Error", (string?)Press("7 ÷ 0 = +")["display"]);   // no arithmetic on an error
        Assert.Equal("8", (string?)Press("7 ÷ 0 = 8 =")["display"]);
        JsonAssert.Equal("""{"display":"0","accumulator":0,"operation":null}""", Press("7 ÷ 0 = C"));
    }

    [Fact]
    public void Clear_returns_to_the_initial_state()
    {
        Assert.True(JsonNode.DeepEquals(_plugin.Metadata.InitialState, Press("1 + 2 C")));
    }

    [Fact]
    public void Caps_the_display_at_twelve_digits()
    {
        Assert.Equal("123456789012", (string?)Press("1 2 3 4 5 6 7 8 9 0 1 2 3 4")["display"]);
    }

    [Fact]
    public void Keys_send_only_plugin_actions()
    {
        var digit = Click(_plugin.Metadata.InitialState, "7");
        var operation = Click(digit.NewState, "×");

        JsonAssert.Intents("""[{"scope":"plugin","actionType":"digit","payload":7}]""", digit.Intents);
        JsonAssert.Intents("""[{"scope":"plugin","actionType":"operation","payload":"*"}]""", operation.Intents);
        JsonAssert.Equal("""{"display":"7","accumulator":7,"operation":"*","startNew":true}""", operation.NewState);
    }

    [Fact]
    public void Ignores_malformed_payloads()
    {
        var start = Press("4");

        var badDigit = _plugin.HandleEvent(Widget, "digit", JsonValue.Create("x"), start, Global());
        var badOperator = _plugin.HandleEvent(Widget, "operation", JsonValue.Create("^"), start, Global());

        Assert.Equal("4", (string?)badDigit.NewState["display"]);
        Assert.Equal("4", (string?)badOperator.NewState["display"]);
        Assert.Null(badOperator.NewState["operation"]);
    }

    /// <summary>Presses keys by label, sending each button's own onClick as the frontend would.</summary>
    private JsonNode Press(string keys)
    {
        var state = _plugin.Metadata.InitialState;
        foreach (var key in keys.Split(' '))
            state = Click(state, key).NewState;
        return state;
    }

    private EventResult Click(JsonNode state, string label)
    {
        var onClick = UiTree.Button(Render(state), label)["props"]!["onClick"]!;
        return _plugin.HandleEvent(Widget, (string)onClick["handler"]!, onClick["args"]?.DeepClone(), state, Global());
    }

    private JsonNode Render(JsonNode state) => _plugin.Render(Widget, state, Global());

    private static JsonObject Global() => PresetHost.GlobalState(PackageId);
}
