namespace AdvisorBot.Tests.Understanding;

public sealed class SpellingCorrectorTests
{
    private static readonly SpellingCorrector Corrector = new(["wat is het salaris", "senior ontwikkelaar", "what do they think", "the things they want", "think about it", "average salary", "benefits"]);

    [Theory]
    [InlineData("salris", "salaris")]   // a dropped letter
    [InlineData("senoir", "senior")]    // two letters swapped
    [InlineData("avrage", "average")]
    [InlineData("salarys", "salary")]   // an extra letter
    [InlineData("benifits", "benefits")] // a wrong letter
    [InlineData("thing", "things")]     // a dropped letter wins over a wrong one ("think")
    public void Correct_OneEditAway_GivesTheKnownWord(string typo, string expected) => Assert.Equal(expected, Corrector.Correct(typo));

    [Theory]
    [InlineData("reisbereidheid")]
    [InlineData("salaaaris")]
    public void Correct_NothingOneEditAway_GivesNull(string word) => Assert.Null(Corrector.Correct(word));

    [Fact]
    public void Expand_AppendsCorrectionsAndKeepsTheText()
    {
        Assert.Equal("salris senoir ontwikkelaar salaris senior", Corrector.Expand("salris senoir ontwikkelaar"));
        Assert.Equal("wat is het salaris", Corrector.Expand("wat is het salaris"));
        Assert.Equal("hoi 4200", Corrector.Expand("hoi 4200")); // short words and numbers are left alone
    }
}
