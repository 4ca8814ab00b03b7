using AdvisorBot.Tests.Cards;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AdvisorBot.Tests.Channels.DirectLine;

/// <summary>
/// The intranet page end to end in headless Chromium: the real Web Chat 4.18.1 bundle the service serves, talking to
/// the service's own Direct Line over WebSocket or polling. Screenshots go to test-artifacts/webchat/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebChatPageTests(BrowserFixture fixture)
{
    private const string SendBox = "[data-id='webchat-sendbox-input']";
    private const string Cards = ".ac-adaptiveCard";
    private static readonly string Screenshots = Path.Combine(CardProofTests.ArtifactsFolder, "webchat");

    private async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> OpenAsync(string locale, string transport)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1024, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.StartsWith("botframework-webchat: Failed", StringComparison.Ordinal))
            {
                problems.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} {request.Failure}");
        await page.GotoAsync($"{fixture.Service.BaseUrl}/?transport={transport}");
        return (context, page, problems);
    }

    private static async Task<int> CardCountAsync(IPage page) => await page.Locator(Cards).CountAsync();

    /// <summary>Waits until the transcript shows <paramref name="count"/> cards and returns the last one's text.</summary>
    private static async Task<string> WaitForCardsAsync(IPage page, int count)
    {
        await page.WaitForFunctionAsync($"n => document.querySelectorAll('{Cards}').length >= n", count, new PageWaitForFunctionOptions { Timeout = 30_000 });
        return await page.Locator(Cards).Nth(count - 1).InnerTextAsync();
    }

    private static async Task AskAsync(IPage page, string question)
    {
        await page.Locator(SendBox).FillAsync(question);
        await page.Locator(SendBox).PressAsync("Enter");
    }

    /// <summary>Every image in the card has loaded (naturalWidth &gt; 0); returns how many there are.</summary>
    private static async Task<int> LoadedImagesAsync(IPage page, int cardIndex)
    {
        var card = page.Locator(Cards).Nth(cardIndex);
        await card.EvaluateAsync("c => Promise.all([...c.querySelectorAll('img')].map(i => i.complete ? 0 : new Promise(r => { i.onload = r; i.onerror = r; })))");
        var widths = await card.EvaluateAsync<int[]>("c => [...c.querySelectorAll('img')].map(i => i.naturalWidth)");
        Assert.All(widths, w => Assert.True(w > 0, "a chart image did not load"));
        return widths.Length;
    }

    private static async Task AssertNoEmptyBubblesOrFailedSendsAsync(IPage page)
    {
        var bubbles = await page.Locator(".webchat__bubble__content").EvaluateAllAsync<string[]>("bs => bs.map(b => b.innerText.trim())");
        Assert.NotEmpty(bubbles);
        Assert.All(bubbles, text => Assert.False(string.IsNullOrEmpty(text), "an empty bubble"));
        var transcript = await page.Locator(".webchat__basic-transcript").InnerTextAsync();
        Assert.DoesNotContain("Send failed", transcript, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Verzenden mislukt", transcript, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task AnHrUser_GetsTheWelcome_AsksInDutchAndEnglish_ClicksASuggestion_AndKeepsTheHistoryOnReload(string transport)
    {
        Directory.CreateDirectory(Screenshots);
        var (context, page, problems) = await OpenAsync("nl-NL", transport);
        await using var _ = context;

        var welcome = await WaitForCardsAsync(page, 1);
        Assert.Contains("Wervingsadviseur", welcome, StringComparison.Ordinal);
        Assert.Equal("nl", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal("Wervingsadviseur", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator(".webchat__suggested-action").CountAsync() > 0, "the welcome's suggested actions are not shown");

        var questions = new (string Question, string Title, bool Chart)[]
        {
            ("Waar vind ik senior developers?", "Zoekkanalen", true),
            ("Hoe schaars zijn ze?", "Schaarste", false),
            ("What attracts them to an employer?", "What attracts them?", true),
        };
        var cards = 1;
        foreach (var (question, title, chart) in questions)
        {
            await AskAsync(page, question);
            var text = await WaitForCardsAsync(page, ++cards);
            Assert.StartsWith(title, text.Trim(), StringComparison.Ordinal);
            var images = await LoadedImagesAsync(page, cards - 1);
            Assert.True(!chart || images > 0, $"the answer to '{question}' shows no chart image");
        }

        await AssertNoEmptyBubblesOrFailedSendsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{transport}-answers.png"), FullPage = true });

        // A suggested action under the last answer asks its question.
        var suggestion = page.Locator(".webchat__suggested-action").First;
        var suggestionText = (await suggestion.InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(suggestionText));
        await suggestion.ClickAsync();
        await WaitForCardsAsync(page, ++cards);
        await page.WaitForFunctionAsync("t => [...document.querySelectorAll('.webchat__bubble--from-user')].some(b => b.innerText.includes(t))", suggestionText);
        await AssertNoEmptyBubblesOrFailedSendsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{transport}-suggestion.png"), FullPage = true });

        // Reload: the same conversation comes back, every card of it, and no second welcome.
        await page.ReloadAsync();
        await WaitForCardsAsync(page, cards);
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(cards, await CardCountAsync(page));
        var userBubbles = await page.Locator(".webchat__bubble--from-user").AllInnerTextsAsync();
        Assert.Contains(userBubbles, b => b.Contains("Waar vind ik senior developers?", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{transport}-after-reload.png"), FullPage = true });

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task WebChatPage_EnglishBrowser_GetsTheEnglishPageAndWelcome()
    {
        var (context, page, problems) = await OpenAsync("en-US", "websocket");
        await using var _ = context;
        var welcome = await WaitForCardsAsync(page, 1);
        Assert.Contains("Recruitment advisor", welcome, StringComparison.Ordinal);
        Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal("Recruitment advisor", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("New conversation", (await page.Locator("button.new-conversation").InnerTextAsync()).Trim());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task WebChatPage_NewConversationButtonClicked_StartsAFreshConversation()
    {
        var (context, page, _) = await OpenAsync("nl-NL", "websocket");
        await using var _ = context;
        await WaitForCardsAsync(page, 1);
        await AskAsync(page, "Hoe schaars zijn ze?");
        await WaitForCardsAsync(page, 2);
        var before = await page.EvaluateAsync<string>("window.AdvisorBotChat.conversationId");

        await page.Locator("button.new-conversation").ClickAsync();
        await page.WaitForFunctionAsync("id => window.AdvisorBotChat && window.AdvisorBotChat.conversationId !== id", before);
        await WaitForCardsAsync(page, 1);
        await page.WaitForTimeoutAsync(1000);
        Assert.Equal(1, await CardCountAsync(page)); // only the new welcome
    }

    [Fact]
    public async Task WebChatPage_WithWelcomeAndAnswerCard_HasNoSeriousOrCriticalAccessibilityViolations()
    {
        Directory.CreateDirectory(Screenshots);
        var (context, page, _) = await OpenAsync("nl-NL", "websocket");
        await using var _ = context;
        await WaitForCardsAsync(page, 1);
        await AskAsync(page, "Waar vind ik senior developers?");
        await WaitForCardsAsync(page, 2);
        await LoadedImagesAsync(page, 1);

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var report = string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes: {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})"));
        await File.WriteAllTextAsync(Path.Combine(Screenshots, "axe.txt"),
            string.Join("\n", result.Violations.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length})")) + "\n");
        Assert.True(serious.Count == 0, report);
    }

    [Fact]
    public async Task WebChatPage_ShowFiguresClicked_ShowsTheChartsFiguresAsATable()
    {
        var (context, page, _) = await OpenAsync("nl-NL", "websocket");
        await using var _ = context;
        await WaitForCardsAsync(page, 1);
        await AskAsync(page, "Waar vind ik senior developers?");
        var before = await WaitForCardsAsync(page, 2);
        Assert.DoesNotContain("53%", before.Replace("(53%)", "", StringComparison.Ordinal), StringComparison.Ordinal); // the table is hidden at first
        var card = page.Locator(Cards).Nth(1);
        await card.GetByRole(AriaRole.Button, new() { Name = "Toon cijfers" }).ClickAsync();
        var facts = card.Locator(".ac-factset");
        await facts.Last.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 5000 });
        Assert.Contains("Vacaturesites", await facts.Last.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("53%", await facts.Last.InnerTextAsync(), StringComparison.Ordinal);
    }
}
