using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Dialogs.Conversation;

/// <summary>
/// Questions the report cannot answer get that said plainly, in the question's language, with the nearest figures
/// that help and the report's year on the source line; never a nearby card passed off as the answer.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NotInReportTests(AdvisorBotApp app)
{
    [Theory]
    [InlineData("hoe lang duurt het om een senior developer te werven?", "nl", "Niet in het rapport", "doorlooptijd")]
    [InlineData("what's the average time to hire for these developers?", "en", "Not in the report", "time to hire")]
    [InlineData("how long does it usually take to fill such a role?", "en", "Not in the report", "time to hire")]
    [InlineData("hoeveel sollicitanten krijg je gemiddeld op zo'n vacature?", "nl", "Niet in het rapport", "sollicitanten")]
    [InlineData("how many applicants per vacancy can we expect?", "en", "Not in the report", "applicants")]
    [InlineData("wat kost een headhunter voor zo iemand?", "nl", "Niet in het rapport", "bureau")]
    [InlineData("what agency fees are normal?", "en", "Not in the report", "agency")]
    [InlineData("in welke schaal moeten we ze inschalen? schaal 11?", "nl", "Niet in het rapport", "salarisschalen")]
    [InlineData("which pay scale fits a senior developer?", "en", "Not in the report", "pay scales")]
    [InlineData("hoe hoog is het verloop bij developers?", "nl", "Niet in het rapport", "Verloop")]
    [InlineData("what is the turnover of developers at one employer?", "en", "Not in the report", "Turnover")]
    [InlineData("wat zijn de kosten per aanname?", "nl", "Niet in het rapport", "aanname")]
    [InlineData("what is a typical cost per hire?", "en", "Not in the report", "cost per hire")]
    [InlineData("het is nu 2026, zijn die cijfers nog actueel?", "nl", "recent", "2020")]
    [InlineData("how recent are these figures?", "en", "recent", "2020")]
    [InlineData("wat verdient een java developer gemiddeld?", "nl", "programmeertaal", "€ 47.000")]
    [InlineData("how much do python developers make?", "en", "programming language", "EUR 47,000")]
    [InlineData("is dat salaris inclusief vakantiegeld?", "nl", "vakantiegeld", "bruto")]
    [InlineData("what is that as net pay?", "en", "net pay", "gross")]
    [InlineData("hoeveel zzp'ers zijn er onder deze ontwikkelaars?", "nl", "zzp", "vast contract")]
    [InlineData("how much does a recruitment agency charge for one of these?", "en", "Not in the report", "agency")]
    [InlineData("heb je cijfers van 2024?", "nl", "recent", "2020")]
    [InlineData("any 2025 figures?", "en", "recent", "2020")]
    [InlineData("wat zijn de salarissen van developers in 2025?", "nl", "recent", "€ 47.000")]
    [InlineData("how many developer vacancies were there in 2023?", "en", "recent", "2020")]
    [InlineData("what do software developers earn this year?", "en", "recent", "EUR 47,000")]
    [InlineData("hoeveel vacatures waren er in 2015?", "nl", "recent", "2020")]
    [InlineData("what does a tech lead earn?", "en", "programming language", "EUR 47,000")]
    [InlineData("hoeveel vacatures heeft de Belastingdienst voor developers?", "nl", "per werkgever", "Vacatures")]
    [InlineData("wat verdient een ontwikkelaar bij de AIVD?", "nl", "per werkgever", "€ 47.000")]
    [InlineData("hoeveel dagen thuiswerken willen ze?", "nl", "thuiswerken", "thuis te werken")]
    [InlineData("how many office days do they accept?", "en", "working from home", "home")]
    [InlineData("welk percentage heeft hbo of wo gedaan?", "nl", "opleidingsniveau", "studierichting")]
    [InlineData("wat is een normale opzegtermijn voor ze?", "nl", "opzegtermijn", "vast contract")]
    [InlineData("any figures on diversity in this group?", "en", "diversity", "female")]
    [InlineData("is 45 km enkele reis te ver?", "nl", "kilometers", "minuten")]
    [InlineData("which tech stack do they prefer?", "en", "programming language", "IT developers as a whole")]
    [InlineData("wat is het uurtarief van een zzp developer tegenwoordig?", "nl", "uur- en dagtarieven", "€ 47.000")]
    [InlineData("what day rate do contractors charge?", "en", "hourly and day rates", "EUR 47,000")]
    [InlineData("hoeveel is dat met werkgeverslasten erbij?", "nl", "werkgeverslasten", "bruto jaarsalaris")]
    [InlineData("what's the total compensation for such a developer?", "en", "total pay", "EUR 47,000")]
    [InlineData("en wat verdienen ze in België?", "nl", "andere landen", "Nederland")]
    [InlineData("how do the salaries compare to the UK? in the uk it is higher", "en", "other countries", "Netherlands")]
    [InlineData("zijn het vooral introverte types?", "nl", "persoonlijkheid", "leeftijd")]
    [InlineData("how many developers work for DICTU?", "en", "per employer", "2020")]
    [InlineData("how long would it take to fill a vacancy like this?", "en", "time to hire", "2020")]
    public async Task Ask_QuestionTheReportCannotAnswer_SaysSoAndShowsTheNearestFigures(string question, string locale, string title, string said)
    {
        var card = await app.AskAsync(question, "notinreport-" + Guid.NewGuid().ToString("N"), locale == "nl" ? "nl-NL" : "en-US");
        var text = CardText.Of(card);
        Assert.Contains(title, CardText.Title(card), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(said, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2020", text, StringComparison.Ordinal); // the source line names the report's year
    }

    [Fact]
    public async Task LanguageSwitch_OnANotInReportCard_RepeatsItInTheOtherLanguage()
    {
        var conversation = "notinreport-switch-" + Guid.NewGuid().ToString("N");
        var card = await app.AskAsync("hoe lang duurt het om een senior developer te werven?", conversation);
        var button = CardText.Actions(card).First(a => a["data"]?["advisorbot"]?.GetValue<string>() == "switchLanguage");
        var click = AdvisorBotApp.Message("", conversation);
        click.Remove("text");
        click["value"] = button["data"]!.DeepClone();
        var replies = await app.SendAsync(click);
        var english = Assert.IsType<JsonObject>(Assert.Single(Assert.Single(replies).Attachments!).Content);
        Assert.Contains("Not in the report", CardText.Title(english), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_OrdinaryQuestions_AreNoNotInReportAnswers()
    {
        foreach (var question in new[] { "hoe schaars zijn ze?", "wat verdienen ze?", "what salary should we offer?", "waar vind ik ze?", "hoeveel developers werken er bij de overheid?", "ik geloof dat salaris het belangrijkst is" })
        {
            var card = await app.AskAsync(question, "ordinary-" + Guid.NewGuid().ToString("N"));
            Assert.DoesNotContain("Niet in het rapport", CardText.Title(card), StringComparison.Ordinal);
        }
    }
}
