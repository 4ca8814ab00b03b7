using System.Net;
using System.Text.Json;
using AdvisorBot.Hosting.Insights;
using AdvisorBot.State;
using AdvisorBot.Tests.Cards;
using AdvisorBot.Tests.Channels.DirectLine;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace AdvisorBot.Tests.Hosting;

/// <summary>The owner's insights: counted from the turn metric, kept per hour in the store, merged across instances, shown on a page.</summary>
[Collection(AppCollection.Name)]
public sealed class InsightsTests(AdvisorBotApp app)
{
    private static long Sum(IEnumerable<(DateTime Hour, TurnKind Kind, long Count)> rows, Func<TurnKind, bool> which) =>
        rows.Where(r => which(r.Kind)).Sum(r => r.Count);

    [Fact]
    public async Task Turns_AreCountedByIntentAndOutcome_AndShownOnThePage()
    {
        var counts = app.Services.GetRequiredService<TurnCounts>();
        var from = DateTimeOffset.UtcNow.AddHours(-1);
        var before = await counts.ReadAsync(from, CancellationToken.None);

        await app.AskAsync("wat verdient een senior developer?", "ins-" + Guid.NewGuid().ToString("N"));
        await app.AskAsync("wanneer krijg ik mijn vakantiegeld?", "ins-" + Guid.NewGuid().ToString("N"));
        await app.AskAsync("how long does it take to hire a developer?", "ins-" + Guid.NewGuid().ToString("N"), "en-US");

        var after = await counts.ReadAsync(from, CancellationToken.None);
        Assert.True(Sum(after, k => k is { Intent: "Salary", Outcome: "answered", Language: "nl", Channel: "test" })
            >= Sum(before, k => k is { Intent: "Salary", Outcome: "answered", Language: "nl", Channel: "test" }) + 1);
        Assert.True(Sum(after, k => k.Outcome == "out-of-scope") >= Sum(before, k => k.Outcome == "out-of-scope") + 1);
        Assert.True(Sum(after, k => k is { Outcome: "unanswerable", Language: "en" }) >= Sum(before, k => k is { Outcome: "unanswerable", Language: "en" }) + 1);

        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/admin/insights?days=1");
        Assert.Contains("<h1>AdvisorBot insights</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Salary</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">unanswerable</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("vakantiegeld", html, StringComparison.OrdinalIgnoreCase); // counts, never text
    }

    [Fact]
    public async Task Flush_WritesHourlyTotals_AndTwoInstancesAddUp()
    {
        var store = app.Services.GetRequiredService<IStateStore>();
        var options = Options.Create(new InsightsOptions { FlushInterval = TimeSpan.FromHours(1) });
        using var a = new TurnCounts(store, TimeProvider.System, options, NullLogger<TurnCounts>.Instance);
        using var b = new TurnCounts(store, TimeProvider.System, options, NullLogger<TurnCounts>.Instance);
        await app.Services.GetRequiredService<TurnCounts>().FlushAsync(CancellationToken.None); // the app's own counts out of the way

        var key = "insights/" + DateTime.UtcNow.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        var stored = await store.ReadAsync(key);
        var kind = new TurnKind("test", "JobSites", "answered", "nl").Key;
        var earlier = stored is null ? 0 : JsonSerializer.Deserialize<Dictionary<string, long>>(stored.Value.Span)!.GetValueOrDefault(kind);
        await app.AskAsync("welke vacaturesites gebruiken ze?", "ins-" + Guid.NewGuid().ToString("N"));

        // Both instances saw the turn (one process, one metric): flushed at once, both counts land, none is overwritten.
        await Task.WhenAll(a.FlushAsync(CancellationToken.None), b.FlushAsync(CancellationToken.None), app.Services.GetRequiredService<TurnCounts>().FlushAsync(CancellationToken.None));
        stored = await store.ReadAsync(key);
        var totals = JsonSerializer.Deserialize<Dictionary<string, long>>(stored!.Value.Span)!;
        Assert.True(totals[kind] >= earlier + 3, $"{totals[kind]} after {earlier}: each of the three instances' counts must be added");
    }

    [Fact]
    public async Task Stop_AfterTheHostDisposedIt_DoesNotThrow()
    {
        var counts = new TurnCounts(app.Services.GetRequiredService<IStateStore>(), TimeProvider.System,
            Options.Create(new InsightsOptions()), NullLogger<TurnCounts>.Instance);
        counts.Dispose();
        await counts.StopAsync(CancellationToken.None); // a WebApplicationFactory disposed before it stopped did this
    }

    [Theory]
    [InlineData("/admin/insights?days=0")]
    [InlineData("/admin/insights?days=91")]
    [InlineData("/admin/insights?days=abc")]
    public async Task InsightsPage_BadPeriod_Is400(string url)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>The insights page in Chromium: it renders and passes axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task InsightsPage_InChromium_HasNoSeriousOrCriticalAccessibilityViolations()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Service.BaseUrl) };
        using var ask = await http.PostAsync("/api/messages", JsonContent(AdvisorBotApp.Message("hoe schaars zijn developers?", "ins-" + Guid.NewGuid().ToString("N"))));
        ask.EnsureSuccessStatusCode();

        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(fixture.Service.BaseUrl + "/admin/insights?days=7");
        Assert.Equal(200, response!.Status);
        Assert.Contains("Scarcity", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var folder = Path.Combine(CardProofTests.ArtifactsFolder, "insights");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "insights.png"), FullPage = true });
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }

    private static StringContent JsonContent(System.Text.Json.Nodes.JsonObject activity) =>
        new(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
