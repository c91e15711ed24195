using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OrleansVm.BrowserTests.Infrastructure;

/// <summary>One browser tab showing the playground for one workspace, with the actions a person takes there.</summary>
public sealed class PlaygroundTab(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Role => Page.GetByTestId("role");

    public ILocator ConnectionStatus => Page.GetByTestId("connection-status");

    public ILocator TimelineEntries => Page.GetByTestId("timeline-entry");

    /// <summary>Opens the page with the token and workspace in the URL fragment and waits for the operator session and a live stream.</summary>
    public static async Task<PlaygroundTab> OpenAsync(IBrowserContext context, Uri silo, string operatorToken, string workspaceId)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(silo, $"/#token={Uri.EscapeDataString(operatorToken)}&workspace={Uri.EscapeDataString(workspaceId)}").ToString());
        var tab = new PlaygroundTab(page);
        await Expect(tab.Role).ToHaveTextAsync("operator");
        await Expect(tab.ConnectionStatus).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.GetByTestId("load-counter")).ToBeEnabledAsync();
        return tab;
    }

    public ILocator CardsOf(string packageId) => Page.Locator($"article[data-testid^='instance-'][data-package='{packageId}']");

    public InstanceCard Card(string instanceId) => new(Page.GetByTestId($"instance-{instanceId}"), instanceId);

    /// <summary>Clicks the package's Load button in the catalog and returns the card of the instance it created.</summary>
    public async Task<InstanceCard> LoadPackageAsync(string packageId)
    {
        var before = await InstanceIdsAsync(packageId);
        await Page.GetByTestId($"load-{packageId}").ClickAsync();
        await Expect(CardsOf(packageId)).ToHaveCountAsync(before.Count + 1);
        var created = (await InstanceIdsAsync(packageId)).Except(before).Single();
        var card = Card(created);
        await Expect(card.Root).ToHaveAttributeAsync("data-status", "active");
        return card;
    }

    /// <summary>Publishes a plugin through the page's code editor, then loads it with the editor's Load button.</summary>
    public async Task<InstanceCard> PublishAndLoadThroughEditorAsync(CustomPlugin plugin)
    {
        await Page.GetByTestId("editor-package-id").FillAsync(plugin.PackageId);
        await Page.GetByTestId("editor-version").FillAsync(plugin.Version);
        await Page.GetByTestId("editor-manifest").FillAsync(plugin.ManifestJson);
        await Page.GetByTestId("editor-code").FillAsync(plugin.Code);
        await Page.GetByTestId("publish-button").ClickAsync();
        var status = Page.GetByTestId("editor-status");
        await Expect(status).ToHaveAttributeAsync("data-kind", new Regex("^(ok|error)$"));
        if (await status.GetAttributeAsync("data-kind") != "ok")
            throw new InvalidOperationException($"Publishing {plugin.PackageId} through the editor failed: {await status.TextContentAsync()}");

        await Expect(CardsOf(plugin.PackageId)).ToHaveCountAsync(0);
        await Page.GetByTestId("editor-load-button").ClickAsync();
        await Expect(CardsOf(plugin.PackageId)).ToHaveCountAsync(1);
        var card = Card((await InstanceIdsAsync(plugin.PackageId)).Single());
        await Expect(card.Root).ToHaveAttributeAsync("data-status", "active");
        return card;
    }

    private async Task<IReadOnlyList<string>> InstanceIdsAsync(string packageId) =>
        (await CardsOf(packageId).EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.instance)")).ToList();
}

/// <summary>An instance's card: its widgets, buttons and the notices the page shows on it.</summary>
public sealed class InstanceCard(ILocator root, string instanceId)
{
    public ILocator Root { get; } = root;

    public string InstanceId { get; } = instanceId;

    public ILocator Widget(string widgetId) => Root.GetByTestId($"widget-{InstanceId}-{widgetId}");

    /// <summary>A <c>text</c> or <c>badge</c> node of the plugin's UI whose text starts with <paramref name="prefix"/>.</summary>
    public ILocator Label(string prefix) =>
        Root.Locator("[data-kind='text'], [data-kind='badge']").Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(prefix)) });

    public ILocator Button(string label) => Root.GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    public ILocator Input(string placeholder) => Root.GetByRole(AriaRole.Textbox, new() { Name = placeholder, Exact = true });

    public ILocator DispatchNotice => Root.GetByTestId("dispatch-notice");

    public ILocator EventError => Root.GetByTestId("event-error");
}

/// <summary>A plugin typed into the page's editor.</summary>
public sealed record CustomPlugin(string PackageId, string Version, string ManifestJson, string Code);
