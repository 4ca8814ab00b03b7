using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Hosting;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Tests.Cards;

/// <summary>
/// Every card the bot can produce (every answer kind × both languages × the shipped and a fictional profile), checked
/// with the real renderer libraries in Node (tests/cards-js/check-cards.js): zero parse and validation events in
/// adaptivecards 3.0.6 (Web Chat shows an empty bubble on any), nothing lost in its toJSON round trip, a clean
/// type-check against Teams' IAdaptiveCard, the same expansion as adaptivecards-templating, and a screenshot of
/// each card in headless Chromium (test-artifacts/cards).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CardProofTests(AdvisorBotApp app)
{
    private const int MaxCardBytes = 40_000;
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ProofRun? _run;

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AdvisorBot.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("AdvisorBot.sln not found above the test folder.");
        }
    }

    public static string ArtifactsFolder => Path.Combine(RepoRoot, "test-artifacts");

    private sealed record ProofRun(IReadOnlyList<(string Name, JsonObject Card)> Cards, JsonObject Output);

    private async Task<ProofRun> RunAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _run ??= await ProveAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A turn that asked for a function the knowledge base has no report on.</summary>
    private static TurnContext NotCovered(TurnContext turn, TargetGroupProfile profile) => new()
    {
        Text = turn.Text, Language = turn.Language, Texts = turn.Texts, State = turn.State, Quantities = turn.Quantities,
        Match = new ProfileMatch(profile, [new MatchGap(MatchDimension.Function, "verpleegkundigen")]),
    };

    /// <summary>All answers the bot gives, per kind, language and profile.</summary>
    internal static async Task<IReadOnlyList<(string Name, AnswerView Answer)>> AllAnswersAsync(IServiceProvider services)
    {
        var texts = services.GetRequiredService<IReadOnlyDictionary<string, ResponseTexts>>();
        var handlers = services.GetServices<IIntentHandler>().ToList();
        var quantities = services.GetRequiredService<QuantityRecognizer>();
        var contexts = services.GetRequiredService<TurnContexts>();
        var shipped = (await services.GetRequiredService<ITargetGroupCatalog>().ListAsync()).Single();
        var loader = await ProfileLoader.CreateAsync();
        var fictional = await loader.LoadFileAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "profiles", "fictional-junior-data-analist-utrecht-2031.json"));
        var answers = new List<(string, AnswerView)>();
        foreach (var (profile, tag) in new[] { (shipped, "report"), (fictional, "fictional") })
        {
            foreach (var language in new[] { "nl", "en" })
            {
                TurnContext Turn(string text) => new()
                {
                    Text = text, Language = language, Texts = texts[language], Match = new ProfileMatch(profile, []),
                    State = new ConversationState(), Quantities = quantities,
                };

                foreach (var handler in handlers.OrderBy(h => h.Intent.Value, StringComparer.Ordinal))
                {
                    var ask = texts[language].For(handler.Intent.Value).Lines.GetValueOrDefault("ask") ?? handler.Intent.Value;
                    answers.Add(($"{handler.Intent}.{language}.{tag}", await handler.HandleAsync(Turn(ask), CancellationToken.None)));
                }

                var salary = language == "nl" ? "wij bieden € 4.200 per maand bij 36 uur" : "we offer EUR 52,000 a year";
                var commute = language == "nl" ? "een uur reizen, is dat te veel?" : "is a 40 minute commute ok?";
                var salaryHandler = handlers.Single(h => h.Intent.Value == "Salary");
                var travelHandler = handlers.Single(h => h.Intent.Value == "TravelTime");
                answers.Add(($"SalaryCheck.{language}.{tag}", await salaryHandler.HandleAsync(Turn(salary), CancellationToken.None)));
                answers.Add(($"CommuteCheck.{language}.{tag}", await travelHandler.HandleAsync(Turn(commute), CancellationToken.None)));
                answers.Add(($"Clarify.{language}.{tag}", TurnContexts.ClarifyView(Turn("eh"), new IntentPrediction("Salary", 0.2f, "Scarcity", 0.1f))));
                answers.Add(($"NotCovered.{language}.{tag}", TurnContexts.NotCoveredView(NotCovered(Turn("verpleegkundigen"), profile))));
                answers.Add(($"Error.{language}.{tag}", contexts.ErrorView(language)));
                var vacancyText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "vacancies", $"{language}-mediocre-2.txt"));
                var vacancies = services.GetRequiredService<VacancyTextAnalyzer>();
                answers.Add(($"VacancyCheck.{language}.{tag}", VacancyCheckView.Build(Turn(vacancyText), vacancies.Analyze(vacancyText, language))));
                answers.Add(($"VacancyCheckAsk.{language}.{tag}", VacancyCheckView.AskForText(Turn("vacaturetekst"))));
                var walkthrough = services.GetRequiredService<ChecklistViews>();
                var progress = new ChecklistProgress
                {
                    ProfileId = profile.Id,
                    Step = 3,
                    Steps = new() { [1] = new ChecklistStepRecord(StepStatus.Done, "Besproken met de hiring manager"), [2] = new ChecklistStepRecord(StepStatus.Skipped) },
                };
                foreach (var step in new[] { 1, 3, 4, 7 })
                {
                    answers.Add(($"ChecklistStep{step}.{language}.{tag}", walkthrough.StepView(Turn("checklist"), progress, step, resumed: step == 3)));
                }

                var planProgress = progress with { Steps = new(progress.Steps) { [3] = new ChecklistStepRecord(StepStatus.Done, null, "latent"), [4] = new ChecklistStepRecord(StepStatus.Done, null, "network,job-sites") }, Completed = true };
                answers.Add(($"ChecklistPlan.{language}.{tag}", walkthrough.PlanView(Turn("checklist"), walkthrough.BuildPlan(Turn("checklist"), planProgress, "AbCdEfGhIjKlMnOpQrStUv", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)))));
                answers.Add(($"HiringFeasibility.{language}.{tag}", HiringFeasibilityView.Build(Turn("3 developers"),
                    new HiringRequest(3, new DateOnly(2027, 3, 1), FromDuration: false), new DateOnly(2026, 12, 1))));
            }
        }

        return answers;
    }

    private async Task<ProofRun> ProveAsync()
    {
        var services = app.Services;
        var renderer = services.GetRequiredService<TemplatedCardRenderer>();
        var languages = services.GetRequiredService<CardLanguages>();
        var options = services.GetRequiredService<IOptions<CardOptions>>().Value;
        var answers = await AllAnswersAsync(services);
        // Every card with its language switch: as Web Chat gets it (Action.Submit) for the Web Chat renderer, and as
        // Teams gets it (Action.Execute with an Action.Submit fallback) for the Teams typings.
        JsonObject WithSwitch(AnswerView answer, bool teams)
        {
            var card = renderer.Render(answer);
            LanguageSwitch.Add(card, answer with { Replay = new AnswerReplay(answer.Topic ?? answer.Kind.Name, "") }, languages, executeInPlace: teams);
            return card;
        }

        var cards = answers.Select(a => (a.Name, Card: WithSwitch(a.Answer, teams: false))).ToList();
        var teamsCards = new JsonArray([.. answers.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["card"] = WithSwitch(a.Answer, teams: true) })]);

        // One template expansion per template, for the comparison with adaptivecards-templating.
        var templates = TemplatedCardRenderer.LoadTemplates(options.CardsPath);
        var templateChecks = new JsonArray();
        foreach (var (name, template) in templates)
        {
            var answer = answers.Select(a => a.Answer).FirstOrDefault(a => renderer.TemplateFor(a) == name);
            if (answer is null)
            {
                continue;
            }

            var data = CardData.From(answer, languages[answer.Language], CoreSetup.DefaultUrl);
            templateChecks.Add(new JsonObject
            {
                ["name"] = name,
                ["template"] = template.DeepClone(),
                ["data"] = data.DeepClone(),
                ["expanded"] = TemplateExpander.Expand(template, data),
            });
        }

        // The chart images the cards point at, so the browser needs no network: fetched from the service for the
        // profile it serves, drawn with the same renderer for the fictional one it does not load.
        var imageFolder = Path.Combine(ArtifactsFolder, "chart-images");
        Directory.CreateDirectory(imageFolder);
        var images = new JsonObject();
        var served = (await services.GetRequiredService<ITargetGroupCatalog>().ListAsync()).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        using var client = app.CreateClient();
        foreach (var answer in answers.Select(a => a.Answer))
        {
            foreach (var chart in answer.Charts)
            {
                var url = CardData.ChartUrl(CoreSetup.DefaultUrl, answer, chart);
                if (images.ContainsKey(url))
                {
                    continue;
                }

                var png = served.Contains(answer.ProfileId!)
                    ? await client.GetByteArrayAsync(new Uri(url).PathAndQuery)
                    : ChartImageRenderer.RenderPng(chart, languages[answer.Language].Culture);
                var file = Path.Combine(imageFolder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16] + ".png");
                await File.WriteAllBytesAsync(file, png);
                images[url] = file;
            }
        }

        var input = new JsonObject
        {
            ["cards"] = new JsonArray([.. cards.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["card"] = c.Card.DeepClone() })]),
            ["templates"] = templateChecks,
            ["teamsCards"] = teamsCards,
            ["screenshots"] = new JsonObject { ["dir"] = Path.Combine(ArtifactsFolder, "cards"), ["images"] = images },
        };
        var work = Directory.CreateTempSubdirectory("advisorbot-cards-");
        var inputPath = Path.Combine(work.FullName, "input.json");
        var outputPath = Path.Combine(work.FullName, "output.json");
        await File.WriteAllTextAsync(inputPath, input.ToJsonString());
        var script = Path.Combine(RepoRoot, "tests", "cards-js", "check-cards.js");
        Assert.True(Directory.Exists(Path.Combine(RepoRoot, "tests", "cards-js", "node_modules")),
            "tests/cards-js/node_modules is missing: run ./test.sh, which installs it (npm ci).");
        var start = new ProcessStartInfo("node", [script, inputPath, outputPath]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        _ = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, "check-cards.js failed: " + await stderr);
        var output = JsonNode.Parse(await File.ReadAllTextAsync(outputPath))!.AsObject();
        work.Delete(recursive: true);
        return new ProofRun(cards, output);
    }

    [Fact]
    public async Task AllCards_InAdaptiveCards306_ParseWithoutEvents()
    {
        var run = await RunAsync();
        var problems = run.Output["cards"]!.AsArray()
            .SelectMany(c => c!["parseEvents"]!.AsArray()
                .Where(e => !(e!["event"]!.GetValue<string>() == "UnknownElementType" && e["message"]!.GetValue<string>().Contains("\"Chart.", StringComparison.Ordinal)))
                .Select(e => $"{c["name"]}: {e!["event"]}: {e["message"]}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(run.Cards.Count >= 150, $"{run.Cards.Count} cards checked");
    }

    [Fact]
    public async Task AllCards_HaveNoValidationEvents_SoWebChatNeverShowsAnEmptyBubble()
    {
        var run = await RunAsync();
        var problems = run.Output["cards"]!.AsArray()
            .SelectMany(c => c!["validationEvents"]!.AsArray().Select(e => $"{c["name"]}: {e!["event"]}: {e["message"]}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task AllCards_ToJsonRoundTrip_LoseNoProperty()
    {
        var run = await RunAsync();
        var problems = run.Output["cards"]!.AsArray()
            .SelectMany(c => c!["lostProperties"]!.AsArray().Select(p => $"{c["name"]}: {p}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public async Task AllCards_CheckedAgainstTeamsIAdaptiveCard_TypeCheckCleanly()
    {
        var run = await RunAsync();
        var typecheck = run.Output["typecheck"]!;
        Assert.True(typecheck["ok"]!.GetValue<bool>(), typecheck["output"]!.GetValue<string>()[..Math.Min(4000, typecheck["output"]!.GetValue<string>().Length)]);
    }

    [Fact]
    public async Task AllTemplates_ExpandedByAdaptiveCardsTemplating_GiveTheSameCards()
    {
        var run = await RunAsync();
        var templates = run.Output["templates"]!.AsArray();
        Assert.NotEmpty(templates);
        var problems = templates.Where(t => !t!["same"]!.GetValue<bool>())
            .Select(t => $"{t!["name"]}: {t["error"]?.GetValue<string>() ?? "different output: " + t["js"]?.ToJsonString()[..Math.Min(600, t["js"]!.ToJsonString().Length)]}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task AllCards_InHeadlessChromium_RenderWithTextAndImages()
    {
        var run = await RunAsync();
        var shots = run.Output["screenshots"]!.AsArray();
        Assert.Equal(run.Cards.Count, shots.Count);
        var problems = shots.SelectMany(s => s!["warnings"]!.AsArray().Select(w => $"{s["name"]}: {w}")).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(shots, s => Assert.True(new FileInfo(s!["file"]!.GetValue<string>()).Length > 2_000));
    }

    [Fact]
    public async Task AllCards_AreVersion15_SmallAndFullyBound()
    {
        var run = await RunAsync();
        foreach (var (name, card) in run.Cards)
        {
            var json = card.ToJsonString();
            Assert.True(card["version"]!.GetValue<string>() == "1.5", name);
            Assert.True(Encoding.UTF8.GetByteCount(json) < MaxCardBytes, $"{name} is {json.Length} bytes");
            Assert.False(json.Contains("${", StringComparison.Ordinal), $"{name} has an unexpanded binding");
            Assert.False(json.Contains("$when", StringComparison.Ordinal) || json.Contains("\"$data\"", StringComparison.Ordinal), name);
            foreach (var text in StringProperties(card, "text", "title", "altText", "url"))
            {
                Assert.False(text is null, $"{name}: a text, title, altText or url is not a string");
            }
        }
    }

    private static IEnumerable<string?> StringProperties(JsonNode? node, params string[] names) => node switch
    {
        JsonObject o => o.Where(kv => names.Contains(kv.Key) && kv.Value is not JsonObject and not JsonArray)
                .Select(kv => kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null)
            .Concat(o.Where(kv => kv.Key != "data").SelectMany(kv => StringProperties(kv.Value, names))),
        JsonArray a => a.SelectMany(i => StringProperties(i, names)),
        _ => [],
    };
}
