using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdvisorBot.Tests.Understanding;

/// <summary>The quantities as the answers use them: a range checked at its middle and said so, no amount read from a word, weeks a hire from the days.</summary>
[Collection(AppCollection.Name)]
public sealed class QuantityAnswerTests(AdvisorBotApp app)
{
    [Fact]
    public async Task SalaryCheck_Range_TakesTheMiddleAndSaysSo()
    {
        var card = CardText.Of(await app.AskAsync("we bieden tussen 4.000 en 5.800 euro bruto per maand voor 36 uur", "range-" + Guid.NewGuid().ToString("N")));
        Assert.Contains("€ 4.900", card, StringComparison.Ordinal);
        Assert.Contains("midden", card, StringComparison.Ordinal);
        Assert.Contains("€ 4.000–€ 5.800", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalaryCheck_NoHours_SaysItAssumedTheReportsBasis()
    {
        var card = CardText.Of(await app.AskAsync("we offer EUR 52,000 a year", "nohours-" + Guid.NewGuid().ToString("N"), "en-US"));
        Assert.Contains("You named no hours", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wat verdient een HR-adviseur bij het Rijk?")]
    [InlineData("wat verdienen een IT'er en een HR-medewerker?")]
    public async Task Salary_QuestionWithoutAnAmount_IsNoSalaryCheck(string question)
    {
        var card = CardText.Of(await app.AskAsync(question, "noamount-" + Guid.NewGuid().ToString("N")));
        Assert.DoesNotContain("Uw aanbod", card, StringComparison.Ordinal);
        Assert.DoesNotContain("€ 1 ", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HiringGoal_FourHiresIn120Days_Is43WeeksAHire()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message("ik moet voor 1 april 4 developers hebben", "hire-" + Guid.NewGuid().ToString("N")));
        var card = CardText.Of(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!);
        Assert.Contains("4,3", card, StringComparison.Ordinal);
        Assert.DoesNotContain("4,2", card, StringComparison.Ordinal);
        Assert.Contains("U wilt 4 senior IT ontwikkelaars in 17 weken", card, StringComparison.Ordinal); // plural, not "4 senior IT ontwikkelaar, Nederland"
    }

    [Theory]
    [InlineData("we need 3 developers by 1 April", "en-US", "You want 3 senior IT developers in")]
    [InlineData("we need one developer by 1 April", "en-US", "You want 1 senior IT developer in")]
    public async Task HiringGoal_Count_NamesTheFunctionInTheRightNumber(string question, string locale, string expected)
    {
        var card = CardText.Of(await app.AskAsync(question, "hire-number-" + Guid.NewGuid().ToString("N"), locale));
        Assert.Contains(expected, card, StringComparison.Ordinal);
    }
}
