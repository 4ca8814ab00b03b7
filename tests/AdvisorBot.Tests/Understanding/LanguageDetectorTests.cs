using AdvisorBot.Understanding;

namespace AdvisorBot.Tests.Understanding;

public sealed class LanguageDetectorTests
{
    private static readonly LanguageDetector Detector = new(TestData.Training);

    [Theory]
    [InlineData("hoe schaars zijn senior ontwikkelaars op dit moment", "nl")]
    [InlineData("wat moeten we bieden om ze binnen te halen", "nl")]
    [InlineData("which channels should we use to reach them", "en")]
    [InlineData("how hard is it to recruit a senior developer", "en")]
    [InlineData("welke vacaturesites zijn populair", "nl")]
    [InlineData("is our salary competitive enough", "en")]
    public void Detect_FullQuestions_RightLanguageWithAClearMargin(string text, string language)
    {
        var guess = Detector.Detect(text);
        Assert.Equal(language, guess.Language);
        Assert.True(guess.Margin >= LanguageDetector.MinimumMargin, $"margin {guess.Margin}");
    }

    [Fact]
    public void Detect_DevSets_AtLeast98PercentRight()
    {
        var all = new[] { "nl", "en" }.SelectMany(TestData.DevSet).Where(u => u.Text.Split(' ').Length >= 3).ToList();
        var right = all.Count(u => Detector.Detect(u.Text).Language == u.Language);
        Assert.True(right >= all.Count * 0.98, $"{right}/{all.Count}");
    }
}
