using System.Text.Json.Nodes;
using static OrleansVm.Sandbox.Tests.TestPlugins;

namespace OrleansVm.Sandbox.Tests;

/// <summary>Issue 12 item 1: what a plugin sends is bounded or dropped where it leaves the sandbox.</summary>
public class HostileSizeTests
{
    [Theory]
    [InlineData(65)]
    [InlineData(1_000_000)]
    public void A_shared_intent_domain_over_64_characters_is_intent_invalid(int length)
    {
        var sandbox = Load(With(handlerBody: $"h.dispatchSharedAction('d'.repeat({length}), 'set', 1);"));

        var ex = ThrowsWithin(SandboxErrorCodes.IntentInvalid, SandboxLimits.Default.EventTimeout,
            () => sandbox.HandleEvent("w", "h", null, new JsonObject(), Global()));

        Assert.Contains("at most 64 characters", ex.Message);
        Assert.True(ex.Message.Length < 200, "the message does not echo the domain");
        AssertStillWorks(sandbox);
    }

    [Fact]
    public void A_shared_intent_domain_of_64_characters_is_carried()
    {
        var result = Load(With(handlerBody: "h.dispatchSharedAction('d'.repeat(64), 'set', 1);"))
            .HandleEvent("w", "h", null, new JsonObject(), Global());

        Assert.Equal(64, result.Intents.Single().Domain!.Length);
    }

    [Fact]
    public void Unknown_fields_of_nodes_props_and_event_refs_are_dropped()
    {
        var tree = Load(With(renderBody: """
            return { kind: 'panel', secret: 'x'.repeat(1000), children: [
              { kind: 'text', text: 't', extra: 1 },
              { kind: 'button', children: [1], props: { label: 'Go', tracking: 'y', onClick: { handler: 'h', args: { kept: 1 }, also: 2 } } }
            ] };
            """)).Render("w", null, Global());

        Assert.Equal(["kind", "children"], tree.AsObject().Select(p => p.Key));
        var children = tree["children"]!.AsArray();
        Assert.Equal(["kind", "text"], children[0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["kind", "props"], children[1]!.AsObject().Select(p => p.Key));
        Assert.Equal(["label", "onClick"], children[1]!["props"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["handler", "args"], children[1]!["props"]!["onClick"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1, children[1]!["props"]!["onClick"]!["args"]!["kept"]!.GetValue<int>());
    }
}
