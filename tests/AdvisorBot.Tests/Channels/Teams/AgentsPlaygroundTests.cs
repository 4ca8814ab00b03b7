using System.Diagnostics;
using AdvisorBot.Tests.Cards;
using AdvisorBot.Tests.Channels.DirectLine;
using Microsoft.Playwright;

namespace AdvisorBot.Tests.Channels.Teams;

/// <summary>
/// The Microsoft 365 Agents Playground (@microsoft/m365agentsplayground, a Teams-like client with a mock Connector,
/// no-auth mode, offline) in front of the live service, driven through its own web UI in Chromium: the install
/// welcome, a typed question answered with a card, and the card's language switch replacing the card in place
/// through an adaptiveCard/action invoke. Screenshots go to test-artifacts/teams/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentsPlaygroundTests(BrowserFixture fixture)
{
    [Fact]
    public async Task InThePlayground_AQuestionGetsACard_AndEnglishReplacesItInPlace()
    {
        var cli = Path.Combine(CardProofTests.RepoRoot, "tests", "cards-js", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        Assert.True(File.Exists(cli), "the Agents Playground is missing: run ./test.sh, which installs tests/cards-js (npm ci).");
        var port = TestData.FreePort();
        var start = new ProcessStartInfo("node", [cli, "-e", fixture.Service.BaseUrl + "/api/messages", "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var playground = Process.Start(start)!;
        try
        {
            var listening = new TaskCompletionSource();
            playground.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Listening on", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult();
                }
            };
            playground.BeginOutputReadLine();
            playground.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

            var folder = Path.Combine(CardProofTests.ArtifactsFolder, "teams");
            Directory.CreateDirectory(folder);
            await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"http://127.0.0.1:{port}/");

            // Opening the Playground installs the app; the bot answers with its welcome, which the mock Connector takes
            // (its log panel: "message 201"). The card itself can reach the page before the page listens to the
            // Playground's stream, so only the log is asserted for it.
            var cards = page.Locator(".ac-adaptiveCard");
            await page.WaitForFunctionAsync("() => /installationUpdate\\s*200/.test(document.body.innerText) && /message\\s*201/.test(document.body.innerText)",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 });

            var compose = page.GetByRole(AriaRole.Textbox).First;
            await compose.ClickAsync();
            await page.Keyboard.TypeAsync("Waar vind ik senior developers?");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.ac-adaptiveCard')].some(c => c.innerText.includes('Zoekkanalen'))", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            var before = await cards.CountAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "playground-dutch.png") });

            await cards.Filter(new LocatorFilterOptions { HasText = "Zoekkanalen" }).Last.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "English" }).ClickAsync();
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.ac-adaptiveCard')].some(c => c.innerText.includes('Search channels'))", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
            Assert.Equal(before, await cards.CountAsync()); // replaced in place, not a new message
            var texts = await cards.AllInnerTextsAsync();
            Assert.DoesNotContain(texts, t => t.Contains("Zoekkanalen", StringComparison.Ordinal));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "playground-english-in-place.png") });
        }
        finally
        {
            playground.Kill(entireProcessTree: true);
            await playground.WaitForExitAsync();
        }
    }
}
