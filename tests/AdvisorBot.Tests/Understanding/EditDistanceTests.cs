using AdvisorBot.Understanding;

namespace AdvisorBot.Tests.Understanding;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("elektriciens", "electriciens", true)] // changed
    [InlineData("politieagenten", "politieagneten", true)] // swapped
    [InlineData("chauffeurs", "chaufeurs", true)] // dropped
    [InlineData("verpleegkundige", "verpleegkundigen", true)] // added at the end
    [InlineData("loodgieter", "lloodgieter", true)] // added at the start
    [InlineData("loodgieter", "loodgieter", true)]
    [InlineData("loodgieter", "loodgietr", true)]
    [InlineData("loodgieter", "lodgietr", false)] // two dropped
    [InlineData("elektricien", "elektrcieen", false)] // two changed
    [InlineData("accountant", "accountancy", false)] // changed and added
    [InlineData("docenten", "docent", false)]
    [InlineData("abcdefgh", "badcefgh", false)] // two swaps
    public void AtMostOne_ComparesLikeADamerauEditDistanceOfOne(string a, string b, bool expected)
    {
        Assert.Equal(expected, EditDistance.AtMostOne(a, b));
        Assert.Equal(expected, EditDistance.AtMostOne(b, a));
    }

    [Theory]
    [InlineData("electriciens", "elektriciens", true)]
    [InlineData("verhuizen", "verhuizer", false)] // a verb, not the mover
    [InlineData("docenten", "docentes", false)]
    [InlineData("chaufeurs", "chauffeurs", true)]
    public void AtMostOneInside_LeavesTheEndingAlone(string word, string function, bool expected) =>
        Assert.Equal(expected, EditDistance.AtMostOneInside(word, function));
}

public sealed class LaterYearTests
{
    [Theory]
    [InlineData("salarissen in 2025", true)]
    [InlineData("vacatures in Q3 2023?", true)]
    [InlineData("de cijfers van 2020", false)] // the report's own year
    [InlineData("we bieden €2025 per maand", false)] // an amount
    [InlineData("bieden 2.025 per maand", false)]
    [InlineData("in 2099", false)] // too far ahead to be a year someone asks figures for
    [InlineData("3 developers voor 1 maart", false)]
    [InlineData("hoeveel vacatures waren er in 2015?", true)] // an earlier year: the report has one year's figures
    public void NamesAnotherYear_TheReportYear(string text, bool expected) =>
        Assert.Equal(expected, AdvisorBot.Dialogs.Conversation.NotInReportCatalog.NamesAnotherYear(text, 2020, 2026));
}
