using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Tests.Channels.DirectLine;
using Microsoft.Playwright;

namespace AdvisorBot.Tests.Reliability;

/// <summary>
/// User text comes back on the plan card, the plan page and its Markdown export. Thirty-odd markup and script
/// payloads go in as checklist notes; in Chromium none runs and none becomes an element, neither on the plan page
/// (which also sends a Content-Security-Policy) nor in the card as the real adaptivecards renders it (with a
/// Markdown step that even passes HTML through, as a lax host would); the Markdown export escapes them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class XssTests(BrowserFixture fixture)
{
    /// <summary>Each payload, if it ran, would set window.__xss or open a dialog.</summary>
    public static readonly string[] Payloads =
    [
        "<script>window.__xss=1</script>", "<img src=x onerror=window.__xss=1>", "<svg onload=window.__xss=1>", "<iframe src=javascript:window.__xss=1>",
        "<a href=javascript:window.__xss=1>klik</a>", "[klik](javascript:window.__xss=1)", "![x](javascript:window.__xss=1)", "<body onload=window.__xss=1>",
        "<details open ontoggle=window.__xss=1>", "<video><source onerror=window.__xss=1>", "<math><mtext><script>window.__xss=1</script>", "\"><script>window.__xss=1</script>",
        "'><img src=x onerror=window.__xss=1>", "<scr<script>ipt>window.__xss=1</script>", "&lt;script&gt;window.__xss=1&lt;/script&gt;", "<style>@import 'javascript:window.__xss=1'</style>",
        "<object data=javascript:window.__xss=1>", "<embed src=javascript:window.__xss=1>", "<form action=javascript:window.__xss=1><button>x</button></form>", "<input autofocus onfocus=window.__xss=1>",
        "<marquee onstart=window.__xss=1>", "<div style=\"background:url(javascript:window.__xss=1)\">", "[x](data:text/html,<script>window.__xss=1</script>)", "<base href=javascript:/>",
        "**vet** _schuin_ `code` ~~weg~~", "# Kop\n- lijst", "<at>AdvisorBot</at>", "{{constructor.constructor('window.__xss=1')()}}", "${window.__xss=1}", "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
        "javascript:window.__xss=1", "<a href=\"&#106;avascript:window.__xss=1\">x</a>", "\u202e<img src=x onerror=window.__xss=1>",
    ];

    private static readonly string Dangerous = "script, img, iframe, svg, object, embed, form, input, video, details, marquee, base, math, style, a[href^='javascript'], [onerror], [onload], [onfocus], [ontoggle]";

    private async Task<(JsonObject Card, string Url)> FinishPlanAsync(HttpClient http, IReadOnlyList<string> notes)
    {
        var conversation = Guid.NewGuid().ToString("N");
        var user = "xss-" + conversation;
        async Task<JsonObject> Send(JsonObject activity)
        {
            activity["from"]!["id"] = user;
            using var response = await http.PostAsJsonAsync("/api/messages", activity);
            var replies = (await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ExpectedReplies))!.Activities;
            return Assert.IsType<JsonObject>(Assert.Single(Assert.Single(replies).Attachments!).Content);
        }

        await Send(AdvisorBotApp.Message("loop de checklist met me door", conversation));
        JsonObject card = null!;
        for (var step = 1; step <= 7; step++)
        {
            var click = AdvisorBotApp.Message("", conversation);
            click.Remove("text");
            click["value"] = new JsonObject
            {
                ["advisorbot"] = "checklist", ["action"] = "done", ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["note"] = step <= notes.Count ? notes[step - 1] : "", ["choice"] = step == 4 ? notes[0] : null,
            };
            card = await Send(click);
        }

        var url = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl" && !a["url"]!.GetValue<string>().EndsWith(".md", StringComparison.Ordinal))!["url"]!.GetValue<string>();
        return (card, url);
    }

    private static async Task AssertNothingRanAsync(IPage page, List<string> dialogs, string where)
    {
        Assert.Empty(dialogs);
        Assert.Null(await page.EvaluateAsync<int?>("window.__xss ?? null"));
        var injected = await page.EvaluateAsync<string[]>($"[...document.querySelectorAll(\"{Dangerous}\")].filter(e => e.closest('#card, main')).map(e => e.outerHTML.slice(0, 120))");
        Assert.True(injected.Length == 0, $"{where}: " + string.Join("\n", injected));
    }

    [Fact]
    public async Task Notes_WithMarkupPayloads_NeverRunOrBecomeElements_OnThePlanPageTheCardOrTheExport()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Service.BaseUrl) };
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        var library = Path.Combine(TestData.RepositoryRoot, "tests", "cards-js", "node_modules");
        foreach (var batch in Payloads.Chunk(6))
        {
            var (card, url) = await FinishPlanAsync(http, batch);

            // The plan page: shown as text, under a policy that allows no script.
            var response = await page.GotoAsync(url);
            Assert.Contains("default-src 'none'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
            var main = await page.Locator("main").InnerTextAsync();
            Assert.All(batch.Where(p => !p.Contains('\n', StringComparison.Ordinal)), p => Assert.Contains(p.Trim(), main, StringComparison.Ordinal));
            await AssertNothingRanAsync(page, dialogs, url);

            // The card, rendered by adaptivecards 3.0.6 with a Markdown step that lets HTML through.
            await page.GotoAsync("about:blank"); // leave the plan page's policy behind (it would block this harness's scripts)
            await page.SetContentAsync("<!doctype html><html><body><div id=card></div></body></html>");
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(library, "markdown-it", "dist", "markdown-it.min.js") });
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(library, "adaptivecards", "dist", "adaptivecards.min.js") });
            await page.EvaluateAsync("""
                card => {
                  const md = window.markdownit({ html: true, linkify: true });
                  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; };
                  const ac = new AdaptiveCards.AdaptiveCard();
                  ac.parse(card);
                  document.getElementById('card').appendChild(ac.render());
                }
                """, card);
            await page.WaitForTimeoutAsync(100);
            await AssertNothingRanAsync(page, dialogs, "card");

            // The Markdown export: its markup characters escaped, so a Markdown viewer (even one that passes HTML) shows text.
            var markdown = await http.GetStringAsync(new Uri(url + ".md").PathAndQuery);
            Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
            await page.EvaluateAsync("text => { document.getElementById('card').innerHTML = window.markdownit({ html: true, linkify: true }).render(text); }", markdown);
            await page.WaitForTimeoutAsync(100);
            await AssertNothingRanAsync(page, dialogs, "markdown export");
        }
    }

    [Fact]
    public async Task WebChatPage_SendsAContentSecurityPolicyWithoutInlineScript()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Service.BaseUrl) };
        foreach (var path in new[] { "/", "/webchat/embed.js", "/webchat/chat.css" })
        {
            using var response = await http.GetAsync(path);
            var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        }
    }
}
