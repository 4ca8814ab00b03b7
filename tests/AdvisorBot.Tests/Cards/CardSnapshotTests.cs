using System.Text.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Tests.Cards;

/// <summary>
/// Approved JSON of key cards (tests/AdvisorBot.Tests/Approved) and the sample data beside every template (cards/*.data.json,
/// for the Adaptive Cards Designer). A change shows up as a diff to review; run with ADVISORBOT_APPROVE=1 to accept it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CardSnapshotTests(AdvisorBotApp app)
{
    private static readonly bool Approve = Environment.GetEnvironmentVariable("ADVISORBOT_APPROVE") == "1";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> KeyCards => new(
        "Factsheet.nl.report", "Factsheet.en.report", "Channels.nl.report", "Channels.en.report", "SalaryCheck.nl.report", "SalaryCheck.en.report");

    [Theory]
    [MemberData(nameof(KeyCards))]
    public async Task Render_KeyCards_MatchTheApprovedJson(string name)
    {
        var answer = (await CardProofTests.AllAnswersAsync(app.Services)).Single(a => a.Name == name).Answer;
        var card = app.Services.GetRequiredService<ICardRenderer>().Render(answer);
        var actual = card.ToJsonString(Indented) + "\n";
        var path = Path.Combine(CardProofTests.RepoRoot, "tests", "AdvisorBot.Tests", "Approved", $"{name}.json");
        if (Approve)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with ADVISORBOT_APPROVE=1 and review the file.");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }

    [Fact]
    public async Task Expand_EveryTemplate_HasSampleDataThatExpands()
    {
        var options = app.Services.GetRequiredService<IOptions<CardOptions>>().Value;
        var renderer = app.Services.GetRequiredService<TemplatedCardRenderer>();
        var texts = app.Services.GetRequiredService<IReadOnlyDictionary<string, ResponseTexts>>();
        var answers = await CardProofTests.AllAnswersAsync(app.Services);
        var sourceCards = Path.Combine(CardProofTests.RepoRoot, "cards");
        foreach (var (name, template) in TemplatedCardRenderer.LoadTemplates(Path.Combine(sourceCards)))
        {
            var path = Path.Combine(sourceCards, $"{name}.data.json");
            if (Approve)
            {
                var answer = answers.Where(a => a.Name.EndsWith(".nl.report", StringComparison.Ordinal)).Select(a => a.Answer).First(a => renderer.TemplateFor(a) == name);
                await File.WriteAllTextAsync(path, CardData.From(answer, app.Services.GetRequiredService<CardLanguages>()[answer.Language], CoreSetup.DefaultUrl).ToJsonString(Indented) + "\n");
            }

            Assert.True(File.Exists(path), $"cards/{name}.json has no sample data cards/{name}.data.json");
            var card = TemplateExpander.Expand(template, JsonNode.Parse(await File.ReadAllTextAsync(path))!);
            Assert.Equal("1.5", card["version"]!.GetValue<string>());
        }
    }

    [Fact]
    public void TemplateNames_EveryAnswerKind_HasATemplateOrTheDefault()
    {
        var renderer = app.Services.GetRequiredService<TemplatedCardRenderer>();
        Assert.Contains(TemplatedCardRenderer.TopicTemplate, renderer.TemplateNames);
        Assert.Contains(TemplatedCardRenderer.MessageTemplate, renderer.TemplateNames);
        foreach (var kind in new[] { "Factsheet", "SalaryCheck", "CommuteCheck", "Welcome", "None", "Error", "NotCovered", "Walkthrough" })
        {
            Assert.Contains(kind, renderer.TemplateNames);
        }
    }
}
