using System.Text.Json.Nodes;
using AdvisorBot.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Understanding;

/// <summary>
/// The vacancy-text check against a corpus of twelve vacancy texts (good, mediocre, poor; Dutch and English) with what
/// a careful reader finds in each (Data/vacancies/expectations.json).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VacancyTextAnalyzerTests(AdvisorBotApp app)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Data", "vacancies");

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expectations.json")))!.AsObject().Where(kv => !kv.Key.StartsWith('$')))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void EachText_IsRecognised_AndItsCoverageSalaryAndHoursAreRead(string name)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "expectations.json")))![name]!;
        var language = expected["language"]!.GetValue<string>();
        var text = File.ReadAllText(Path.Combine(Folder, name + ".txt"));
        var analyzer = app.Services.GetRequiredService<VacancyTextAnalyzer>();

        Assert.True(analyzer.IsVacancyText(text, language), "not recognised as a vacancy text");
        var findings = analyzer.Analyze(text, language);
        Assert.Equal(expected["covered"]!.AsArray().Select(c => c!.GetValue<string>()).Order(StringComparer.Ordinal),
            findings.WantToKnowCovered.Order(StringComparer.Ordinal));
        Assert.Equal(expected["salary"]?.GetValue<decimal>(), findings.Salary?.Amount);
        Assert.Equal(expected["salaryUpper"]?.GetValue<decimal>(), findings.Salary?.UpperAmount);
        Assert.Equal(expected["hours"]?.GetValue<decimal>(), findings.HoursPerWeek);
    }

    [Fact]
    public void Analyze_VacancyCorpus_RanksGoodAboveMediocreAbovePoor()
    {
        var analyzer = app.Services.GetRequiredService<VacancyTextAnalyzer>();
        int Score(string name) => analyzer.Analyze(File.ReadAllText(Path.Combine(Folder, name + ".txt")), name[..2]).WantToKnowCovered.Count;
        foreach (var language in new[] { "nl", "en" })
        {
            var good = new[] { 1, 2 }.Min(i => Score($"{language}-good-{i}"));
            var mediocre = new[] { 1, 2 }.Select(i => Score($"{language}-mediocre-{i}")).ToList();
            var poor = new[] { 1, 2 }.Max(i => Score($"{language}-poor-{i}"));
            Assert.All(mediocre, m => Assert.InRange(m, poor, good - 1));
            Assert.True(good > poor);
        }
    }

    [Theory]
    [InlineData("Hoe schaars zijn senior developers?", "nl")]
    [InlineData("Wij bieden € 4.200 per maand bij 36 uur, is dat genoeg?", "nl")]
    [InlineData("What salary should we offer to senior developers in Utrecht who have five years of experience?", "en")]
    public void VacancyTextAnalyzer_OrdinaryQuestions_AreNoVacancyTextsNorCheckRequests(string text, string language)
    {
        var analyzer = app.Services.GetRequiredService<VacancyTextAnalyzer>();
        Assert.False(analyzer.IsVacancyText(text, language));
        Assert.False(analyzer.IsCheckRequest(text, language));
    }

    [Fact]
    public async Task APastedText_IsAnsweredWithTheCheckCard_AndARequestWithoutTextAsksForIt()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Folder, "nl-mediocre-1.txt"));
        var card = await app.AskAsync(text, Guid.NewGuid().ToString("N"));
        Assert.Equal("Vacaturetekstcheck", CardText.Title(card));
        var all = CardText.Of(card);
        Assert.Contains("2 van de 9", all, StringComparison.Ordinal);
        Assert.Contains("Zet het salaris of de salarisschaal met bedragen in de tekst.", all, StringComparison.Ordinal);
        Assert.Contains("Goed salaris (59%): niet genoemd", all, StringComparison.Ordinal);

        var english = await app.AskAsync(await File.ReadAllTextAsync(Path.Combine(Folder, "en-good-1.txt")), Guid.NewGuid().ToString("N"), "en-US");
        Assert.Equal("Vacancy text check", CardText.Title(english));
        Assert.Contains("9 of 9 (100%)", CardText.Of(english), StringComparison.Ordinal);
        Assert.Contains("EUR 72,667 a year at 40 hours", CardText.Of(english), StringComparison.Ordinal); // (4,600 + 6,300) / 2 × 12 × 40 / 36

        var ask = await app.AskAsync("Kun je mijn vacaturetekst checken?", Guid.NewGuid().ToString("N"));
        Assert.Contains("Plak de volledige vacaturetekst", CardText.Of(ask), StringComparison.Ordinal);
    }
}
