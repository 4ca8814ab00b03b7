namespace AdvisorBot.Tests.Dialogs.Conversation;

/// <summary>
/// The kinds of question an outside test set (written by someone who never saw the training phrases) got wrong:
/// a name from one of the report's lists as the question, a short English question from a Dutch client, typos, a
/// profession the bot has no report for, the asker's own role, a bare "why?", hours in a follow-up.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OutsiderKindsTests(AdvisorBotApp app)
{
    private Task<System.Text.Json.Nodes.JsonObject> AskAsync(string text, string locale = "nl-NL", string? conversation = null) =>
        app.AskAsync(text, conversation ?? "outsider-" + Guid.NewGuid().ToString("N"), locale);

    [Theory]
    [InlineData("tweakers", "Websites en vakmedia")]
    [InlineData("is nos.nl een goed idee voor een banner?", "Websites en vakmedia")]
    [InlineData("werkt nationalevacaturebank voor deze groep?", "Vacaturesites")]
    [InlineData("moeten we iets met WhatsApp?", "Apps")]
    [InlineData("klussen", "Hobby's en interesses")]
    [InlineData("13e maand?", "Arbeidsvoorwaarden")]
    [InlineData("bedrijfsauto", "Arbeidsvoorwaarden")]
    [InlineData("Qualogy", "Concurrentie")]
    [InlineData("Jelling", "Intermediairs")]
    [InlineData("StarApple", "Intermediairs")] // once a "start over"
    [InlineData("Belastingdienst", "Vraag binnen de Rijksoverheid")]
    [InlineData("vijftigplussers", "Wie zijn ze?")]
    [InlineData("50+", "Wie zijn ze?")]
    [InlineData("doorgroeimogelijkheden?", "Wat trekt ze aan?")]
    [InlineData("headhunter of LinkedIn?", "Zoekkanalen")]
    [InlineData("Stack Overflow", "Vacaturesites")]
    [InlineData("belangrijkste arbeidsvw?", "Arbeidsvoorwaarden")]
    [InlineData("heeft google for jobs zin?", "Zoekkanalen")]
    [InlineData("hoe belangrijk is onze werken bij site?", "Zoekkanalen")]
    [InlineData("uploaden ze hun cv nog op een cv databank?", "Zoekkanalen")]
    [InlineData("welke vakbladen lezen ze?", "Websites en vakmedia")]
    public async Task Ask_ANameFromTheReportsLists_AnswersWithTheTopicThatShowsIt(string question, string title)
    {
        var card = await AskAsync(question);
        Assert.Equal(title, CardText.Title(card));
    }

    [Fact]
    public async Task Ask_ANameAsADetailOfALongQuestion_KeepsTheQuestionsTopic()
    {
        var card = await AskAsync("ik werk bij de Belastingdienst en zoek een senior developer, hoe schaars zijn ze?");
        Assert.Equal("Schaarste", CardText.Title(card));
    }

    [Theory]
    [InlineData("salary?", "Salary: IT developer")]
    [InlineData("average age", "Who are they?")]
    [InlineData("travel time?", "Travel willingness")]
    public async Task Ask_AShortEnglishQuestionFromADutchClient_AnswersInEnglish(string question, string title)
    {
        Assert.Equal(title, CardText.Title(await AskAsync(question, "nl-NL")));
    }

    [Theory]
    [InlineData("salris senoir ontwikkelaar", "nl-NL", "Salaris: IT ontwikkelaar")]
    [InlineData("whats teh avrage salry", "en-US", "Salary: IT developer")]
    [InlineData("hoe scharrs zijn ze", "nl-NL", "Schaarste")]
    public async Task Ask_WithTypos_StillFindsTheTopic(string question, string locale, string title)
    {
        Assert.Equal(title, CardText.Title(await AskAsync(question, locale)));
    }

    [Theory]
    [InlineData("wat verdient een brandweerman?", "nl-NL", "brandweerman")]
    [InlineData("firefighter salary", "en-US", "firefighter")]
    [InlineData("what does a plumber earn", "en-US", "plumber")]
    [InlineData("salaris van een stratenmaker", "nl-NL", "stratenmaker")]
    [InlineData("What does a UX designer earn?", "en-US", "ux designer")]
    [InlineData("How scarce are data engineers?", "en-US", "data engineers")]
    [InlineData("hoeveel verdient een communicatiemedewerker?", "nl-NL", "communicatiemedewerker")]
    [InlineData("kan ik dit rapport ook gebruiken voor het werven van data scientists?", "nl-NL", "data scientists")]
    [InlineData("hoe schaars zijn electriciens nu?", "nl-NL", "electriciens")]
    [InlineData("waar vind ik goede vrachtwagenchauffeurs", "nl-NL", "vrachtwagenchauffeurs")]
    [InlineData("how scarce are electricans at the moment?", "en-US", "electricans")]
    public async Task Ask_AboutAProfessionWithoutAReport_SaysSoWithoutFigures(string question, string locale, string function)
    {
        var card = await AskAsync(question, locale);
        var text = CardText.Of(card);
        Assert.Contains(function, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"€\s?\d|EUR \d|\d+\s?%", text);
    }

    [Theory]
    [InlineData("wat willen ze horen als een recruiter ze belt?", "nl-NL", "Gericht benaderen")]
    [InlineData("hoe vaak worden ze benaderd door recruiters?", "nl-NL", "Gericht benaderen")]
    [InlineData("how often do recruiters approach them?", "en-US", "Approaching them")]
    public async Task Ask_WithTheAskersOwnRole_IsNoQuestionAboutThatRole(string question, string locale, string title)
    {
        Assert.Equal(title, CardText.Title(await AskAsync(question, locale)));
    }

    [Fact]
    public async Task Ask_WhatARecruiterEarns_IsStillAFunctionWithoutAReport()
    {
        var text = CardText.Of(await AskAsync("wat verdient een recruiter?"));
        Assert.Contains("recruiter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("€", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("waarom?", "nl-NL")]
    [InlineData("waarom linkedin?", "nl-NL")]
    [InlineData("why is that?", "en-US")]
    [InlineData("how come?", "en-US")]
    public async Task Ask_ABareWhyAfterAnAnswer_ExplainsThatAnswer(string why, string locale)
    {
        var conversation = "why-" + Guid.NewGuid().ToString("N");
        await AskAsync(locale == "nl-NL" ? "hoe schaars zijn ze?" : "how scarce are they?", locale, conversation);
        var card = await AskAsync(why, locale, conversation);
        Assert.Matches("Waarop dit antwoord rust|What this answer rests on", CardText.Title(card));
        Assert.Matches("Schaarste|Scarcity", CardText.Of(card));
    }

    [Fact]
    public async Task Ask_WhyQuestionWithATopic_IsThatTopicNotAnExplanation()
    {
        Assert.Equal("Schaarste", CardText.Title(await AskAsync("waarom zijn senior developers zo schaars?")));
    }

    [Fact]
    public async Task Ask_OfferAtEnglishHours_NormalisesTo40Hours()
    {
        var text = CardText.Of(await AskAsync("our budget is €4,500 per month at 36 hours", "en-US"));
        Assert.Contains("EUR 60,000", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HoursAsAFollowUpToAnOffer_RecomputesTheOffer()
    {
        var conversation = "hours-" + Guid.NewGuid().ToString("N");
        Assert.Contains("€ 48.000", CardText.Of(await AskAsync("we bieden 4000 per maand", "nl-NL", conversation)), StringComparison.Ordinal);
        var text = CardText.Of(await AskAsync("en bij 36 uur?", "nl-NL", conversation));
        Assert.Contains("€ 53.333", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("we zoeken iemand voor 24 uur per week, kan dat?", "nl-NL", "Urencheck", "12 uur minder")]
    [InlineData("de baan is 4 dagen van 8 uur, past dat?", "nl-NL", "Urencheck", "4 uur minder")]
    [InlineData("is a 40 hour week a problem for them?", "en-US", "Hours check", "4 hours more")]
    public async Task Ask_HoursForTheJob_AreComparedWithTheHoursTheyWant(string question, string locale, string title, string said)
    {
        var card = await AskAsync(question, locale);
        Assert.Equal(title, CardText.Title(card));
        Assert.Contains(said, CardText.Of(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("could we hire a senior at €3,500/month for 32 hrs/week?", "en-US", "EUR 52,500")]
    [InlineData("Offer is EUR 42,000 p.a. for a 32-hour week", "en-US", "EUR 52,500")]
    [InlineData("Is 44k for full-time below market?", "en-US", "EUR 44,000")]
    [InlineData("kandidaat wil 4500 per maand voor 36 uur", "nl-NL", "€ 60.000")]
    public async Task Ask_AnOfferInAnotherQuestion_IsCheckedAsAnOffer(string question, string locale, string said)
    {
        var text = CardText.Of(await AskAsync(question, locale));
        Assert.Contains(said, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ANewAmountAsAFollowUp_ChecksThatAmountAtTheHoursSaidBefore()
    {
        var conversation = "amount-" + Guid.NewGuid().ToString("N");
        await AskAsync("wij bieden 4000 per maand bij 36 uur", "nl-NL", conversation);
        var text = CardText.Of(await AskAsync("en als we 3.600 bieden?", "nl-NL", conversation));
        Assert.Contains("€ 3.600", text, StringComparison.Ordinal);
        Assert.Contains("€ 48.000", text, StringComparison.Ordinal); // 3,600 × 12 × 40/36
    }

    [Theory]
    [InlineData("wat moet ik daarmee?", "nl-NL")]
    [InlineData("what can we do about it?", "en-US")]
    public async Task Ask_WhatToDoWithTheLastAnswer_GivesThatTopicAgainWithItsAdvice(string question, string locale)
    {
        var conversation = "todo-" + Guid.NewGuid().ToString("N");
        var first = await AskAsync(locale == "nl-NL" ? "via welke bureaus werven ze?" : "which agencies recruit them?", locale, conversation);
        var again = await AskAsync(question, locale, conversation);
        Assert.EndsWith(": " + CardText.Title(first), CardText.Title(again), StringComparison.Ordinal);
        Assert.Matches("Advies|Advice", CardText.Of(again));
    }

    [Fact]
    public async Task Ask_TheSourceWithNothingSaidYet_IsTheSourcesCardWithoutApology()
    {
        var text = CardText.Of(await AskAsync("what's the data source behind this report", "en-US"));
        Assert.Contains("Intelligence Group", text, StringComparison.Ordinal);
        Assert.DoesNotContain("no answer yet", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("what do developers find important?", "what about their age?", "en-US", "Who are they?")]
    [InlineData("wat vinden developers belangrijk?", "en hun leeftijd?", "nl-NL", "Wie zijn ze?")]
    [InlineData("how do developers find a job?", "and in Dutch?", "en-US", "Zoekkanalen")]
    [InlineData("hoe vinden developers een baan?", "en in het Engels?", "nl-NL", "Search channels")]
    public async Task FollowUp_WithATopicOrLanguageOfItsOwn_AnswersThat(string first, string then, string locale, string title)
    {
        var conversation = "follow-" + Guid.NewGuid().ToString("N");
        await AskAsync(first, locale, conversation);
        Assert.Equal(title, CardText.Title(await AskAsync(then, locale, conversation)));
    }

    [Fact]
    public async Task FollowUp_NamingAGroup_StillRepeatsTheLastTopicForIt()
    {
        var conversation = "follow-" + Guid.NewGuid().ToString("N");
        var first = CardText.Title(await AskAsync("wat verdient een developer?", "nl-NL", conversation));
        Assert.Equal(first, CardText.Title(await AskAsync("en voor junioren?", "nl-NL", conversation)));
    }

    [Theory]
    [InlineData("wat is het maandsalaris van een developer?", "nl-NL", "€ 3.917", "gedeeld door 12")]
    [InlineData("what do developers earn per month?", "en-US", "EUR 3,917", "divided by 12")]
    [InlineData("what's their salary as an hourly wage?", "en-US", "EUR 23", "52 weeks of 40 hours")]
    public async Task Ask_TheSalaryPerMonthOrHour_ConvertsTheYearlyFigureAndSaysHow(string question, string locale, string amount, string rule)
    {
        var text = CardText.Of(await AskAsync(question, locale));
        Assert.Contains(amount, text, StringComparison.Ordinal); // 47,000 / 12 = 3,917; 47,000 / 52 / 40 = 22.6
        Assert.Contains(rule, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_NewHoursWithTheSamePay_ChecksTheLastOfferAtThoseHours()
    {
        var conversation = "hours-" + Guid.NewGuid().ToString("N");
        await AskAsync("we offer 3900 a month at 40 hours", "en-US", conversation);
        var text = CardText.Of(await AskAsync("what if we make it 36 hours with the same pay?", "en-US", conversation));
        Assert.Contains("EUR 52,000", text, StringComparison.Ordinal); // 3,900 × 12 × 40/36
    }

    [Fact]
    public async Task Why_AfterAHiringGoal_ExplainsTheFeasibilityAnswer()
    {
        var conversation = "why-" + Guid.NewGuid().ToString("N");
        await AskAsync("I need 3 devs by March", "en-US", conversation);
        var card = await AskAsync("why?", "en-US", conversation);
        Assert.Equal("What this answer rests on", CardText.Title(card));
        Assert.Contains("Recruitment feasibility", CardText.Of(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatToDo_WithACircumstance_InAConversation_GivesTheLastTopicAgain()
    {
        var conversation = "todo-" + Guid.NewGuid().ToString("N");
        var first = CardText.Title(await AskAsync("hoe lang willen ze reizen?", "nl-NL", conversation));
        Assert.EndsWith(": " + first, CardText.Title(await AskAsync("wat kan ik doen als het te ver is?", "nl-NL", conversation)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en als het er 8 zijn?", "8 × ")]
    [InlineData("en als we er 6 maanden voor nemen?", "4 × ")]
    public async Task FollowUp_OfAHiringGoal_WithANewCountOrPeriod_RecomputesTheGoal(string then, string count)
    {
        var conversation = "goal-" + Guid.NewGuid().ToString("N");
        var first = CardText.Title(await AskAsync("ik heb 4 medior developers nodig binnen 3 maanden", "nl-NL", conversation));
        Assert.Contains("4 × ", first, StringComparison.Ordinal);
        var again = CardText.Title(await AskAsync(then, "nl-NL", conversation));
        Assert.Contains(count, again, StringComparison.Ordinal);
        Assert.NotEqual(first, again);
    }
}
