using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Dialogs;
using AdvisorBot.Protocol;
using AdvisorBot.Tests.Cards;
using AdvisorBot.Tests.Channels.DirectLine;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AdvisorBot.Tests.Features.Checklist;

/// <summary>The walkthrough's state under concurrency, Teams' in-place steps, and the plan export (the scripts are in conversations.json).</summary>
[Collection(AppCollection.Name)]
public sealed class ChecklistWalkthroughTests(AdvisorBotApp app)
{
    private const string Profile = "it-ontwikkelaar-senior-nl-2020";

    /// <summary>A user's progress as the store holds it.</summary>
    private async Task<ChecklistProgress?> LoadProgressAsync(string userKey)
    {
        var slot = ChecklistSlots.Progress(userKey, Profile);
        var item = await app.Services.GetRequiredService<IStateStore>().ReadAsync(slot.Key);
        return item is null ? null : System.Text.Json.JsonSerializer.Deserialize(item.Value.Span, slot.Json);
    }

    private static JsonObject Click(string user, string conversation, string action, int step, string? note = null, string channel = "webchat")
    {
        var activity = AdvisorBotApp.Message("", conversation);
        activity.Remove("text");
        activity["channelId"] = channel;
        activity["from"]!["id"] = user;
        var value = new JsonObject { ["advisorbot"] = "checklist", ["action"] = action, ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture), ["profile"] = Profile };
        if (note is not null)
        {
            value["note"] = note;
        }

        activity["value"] = value;
        return activity;
    }

    [Fact]
    public async Task ChecklistWalkthrough_ConcurrentClicksOfOneUser_LoseNeitherTickNorNote()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");
        var start = AdvisorBotApp.Message("loop de checklist met me door", "c-" + Guid.NewGuid().ToString("N"));
        start["channelId"] = "webchat";
        start["from"]!["id"] = user;
        await app.SendAsync(start);

        // Two devices, two conversations, the same user, many clicks at once.
        var clicks = Enumerable.Range(1, 6).Select(step => app.SendAsync(Click(user, $"device-{step % 2}-{Guid.NewGuid():N}", "done", step, $"note {step}")));
        await Task.WhenAll(clicks);

        var progress = await LoadProgressAsync($"webchat:{user}");
        Assert.NotNull(progress);
        for (var step = 1; step <= 6; step++)
        {
            var record = progress.Steps[step];
            Assert.Equal(StepStatus.Done, record.Status);
            Assert.Equal($"note {step}", record.Note);
        }
    }

    [Fact]
    public async Task InTeams_StepButtonsAreExecuteActions_AndTheNextStepReplacesTheCardInPlace()
    {
        var user = "29:" + Guid.NewGuid().ToString("N");
        var conversation = "a:" + Guid.NewGuid().ToString("N");
        var start = AdvisorBotApp.Message("start the checklist", conversation, "en-US");
        start["channelId"] = "msteams";
        start["from"]!["id"] = user;
        var card = Assert.IsType<JsonObject>(Assert.Single(Assert.Single(await app.SendAsync(start)).Attachments!).Content);
        var done = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Done, next")!;
        Assert.Equal("Action.Execute", done["type"]!.GetValue<string>());
        Assert.Equal("checklist", done["verb"]!.GetValue<string>());
        Assert.Equal("Action.Submit", done["fallback"]!["type"]!.GetValue<string>());

        var invoke = AdvisorBotApp.Message("", conversation, "en-US");
        invoke.Remove("text");
        invoke.Remove("deliveryMode");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["channelId"] = "msteams";
        invoke["from"]!["id"] = user;
        var data = done["data"]!.DeepClone().AsObject();
        data["note"] = "Shared the profile with the team"; // Teams merges the card's inputs into the data
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "checklist", ["data"] = data }, ["trigger"] = "manual" };
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var next = body["value"]!.AsObject();
        Assert.StartsWith("Checklist 2/7", CardText.Title(next), StringComparison.Ordinal);
        Assert.Contains(next["actions"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "Action.Execute" && a["title"]!.GetValue<string>() == "Back");

        var progress = await LoadProgressAsync($"msteams:{user}");
        Assert.Equal("Shared the profile with the team", progress!.Steps[1].Note);
    }

    [Fact]
    public async Task PlanEndpoints_UnknownOrInvalidPlanId_Is404()
    {
        using var client = app.CreateClient();
        foreach (var path in new[] { "/plans/AbCdEfGhIjKlMnOpQrStUv", "/plans/AbCdEfGhIjKlMnOpQrStUv.md", "/plans/..%2F..%2Fappsettings.json", "/plans/short" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}

/// <summary>The service restarts mid-walkthrough: the next turn continues at the same step.</summary>
public sealed class ChecklistRestartTests : IAsyncLifetime
{
    private readonly LiveAdvisorBot _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    private async Task<JsonObject> SendAsync(HttpClient http, JsonObject activity)
    {
        using var response = await http.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        var replies = (await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ExpectedReplies))!.Activities;
        return Assert.IsType<JsonObject>(Assert.Single(Assert.Single(replies).Attachments!).Content);
    }

    [Fact]
    public async Task ChecklistWalkthrough_AfterARestart_ResumesAtTheSameStepWithTheNotes()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_service.BaseUrl) };
        var conversation = Guid.NewGuid().ToString("N");
        JsonObject Message(string text) { var m = AdvisorBotApp.Message(text, conversation); m["from"]!["id"] = "hr-restart"; return m; }

        await SendAsync(http, Message("loop de checklist met me door"));
        var click = Message("");
        click.Remove("text");
        click["value"] = new JsonObject { ["advisorbot"] = "checklist", ["action"] = "done", ["step"] = "1", ["note"] = "Voor de herstart" };
        await SendAsync(http, click);
        click["value"]!["step"] = "2";
        click["value"]!["note"] = "";
        var third = await SendAsync(http, click);
        Assert.StartsWith("Checklist 3/7", CardText.Title(third), StringComparison.Ordinal);

        await _service.RestartAsync();

        var resumed = await SendAsync(http, Message("verder met de checklist"));
        Assert.StartsWith("Checklist 3/7", CardText.Title(resumed), StringComparison.Ordinal);
        var back = Message("");
        back.Remove("text");
        back["value"] = new JsonObject { ["advisorbot"] = "checklist", ["action"] = "back", ["step"] = "2" };
        Assert.StartsWith("Checklist 1/7", CardText.Title(await SendAsync(http, back)), StringComparison.Ordinal);
    }
}

/// <summary>The plan page in Chromium: it renders, logs no error, passes axe, and the Markdown download matches.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanPageTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("nl-NL", "loop de checklist met me door", "Wervingsplan", "Uw aantekeningen per stap")]
    [InlineData("en-US", "walk me through the checklist", "Recruitment plan", "Your notes per step")]
    public async Task ThePlanPage_RendersAccessiblyInTheUsersLanguage_AndDownloadsAsMarkdown(string locale, string start, string title, string notesHeading)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Service.BaseUrl) };
        var conversation = Guid.NewGuid().ToString("N");
        var user = "plan-" + Guid.NewGuid().ToString("N");
        async Task<JsonObject> Send(JsonObject activity)
        {
            activity["from"]!["id"] = user;
            using var response = await http.PostAsJsonAsync("/api/messages", activity);
            var replies = (await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ExpectedReplies))!.Activities;
            return Assert.IsType<JsonObject>(Assert.Single(Assert.Single(replies).Attachments!).Content);
        }

        await Send(AdvisorBotApp.Message(start, conversation, locale));
        JsonObject plan = null!;
        for (var step = 1; step <= 7; step++)
        {
            var click = AdvisorBotApp.Message("", conversation, locale);
            click.Remove("text");
            click["value"] = new JsonObject
            {
                ["advisorbot"] = "checklist", ["action"] = "done", ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["note"] = step == 7 ? "<script>alert(1)</script> & more" : "",
            };
            plan = await Send(click);
        }

        var url = plan["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl" && !a["url"]!.GetValue<string>().EndsWith(".md", StringComparison.Ordinal))!["url"]!.GetValue<string>();
        Assert.StartsWith(fixture.Service.BaseUrl + "/plans/", url, StringComparison.Ordinal);

        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") { errors.Add(m.Text); } };
        page.Dialog += (_, d) => errors.Add("a script ran: " + d.Message);
        var response = await page.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        Assert.StartsWith(title, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(locale[..2], await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Contains(notesHeading, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> & more", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal); // shown as text
        var folder = Path.Combine(CardProofTests.ArtifactsFolder, "plans");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"plan-{locale}.png"), FullPage = true });

        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        Assert.Empty(errors);

        using var markdown = await http.GetAsync(new Uri(url + ".md").PathAndQuery);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", markdown.Content.Headers.ContentDisposition?.DispositionType);
        var md = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith("# " + title, md, StringComparison.Ordinal);
        Assert.Contains("## " + notesHeading, md, StringComparison.Ordinal);
    }
}
