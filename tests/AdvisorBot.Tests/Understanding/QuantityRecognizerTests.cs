using AdvisorBot.Understanding;

namespace AdvisorBot.Tests.Understanding;

public sealed class QuantityRecognizerTests
{
    private static readonly QuantityRecognizer Recognizer = new();

    [Theory]
    [InlineData("wij bieden 42.000 euro per jaar", "nl", 42000, SalaryPeriod.Year, false, null)]
    [InlineData("€ 4.200 bruto per maand bij 36 uur", "nl", 4200, SalaryPeriod.Month, false, 36)]
    [InlineData("EUR 52,000 a year", "en", 52000, SalaryPeriod.Year, false, null)]
    [InlineData("we offer 3,900 euros per month for 32 hours", "en", 3900, SalaryPeriod.Month, false, 32)]
    [InlineData("is 4000 euro genoeg?", "nl", 4000, SalaryPeriod.Month, true, null)]
    [InlineData("ons aanbod is 55000", "nl", 55000, SalaryPeriod.Year, true, null)]
    [InlineData("we can pay 48k", "en", 48000, SalaryPeriod.Year, true, null)]
    [InlineData("maandsalaris van 3.750 euro", "nl", 3750, SalaryPeriod.Month, false, null)]
    public void ReadSalary_TypicalOffers_AmountPeriodAndHours(string text, string language, int amount, SalaryPeriod period, bool assumed, int? hours)
    {
        var offer = Recognizer.ReadSalary(text, language);
        Assert.NotNull(offer);
        Assert.Equal(amount, offer.Amount);
        Assert.Equal(period, offer.Period);
        Assert.Equal(assumed, offer.PeriodAssumed);
        Assert.Equal(hours, (int?)offer.HoursPerWeek);
    }

    [Theory]
    [InlineData("wat verdienen ze?", "nl")]
    [InlineData("what salary should we offer?", "en")]
    public void ReadSalary_NoAmount_IsNull(string text, string language) => Assert.Null(Recognizer.ReadSalary(text, language));

    [Theory]
    [InlineData("een uur reizen", "nl", 60)]
    [InlineData("50 minutes", "en", 50)]
    [InlineData("is 40 minuten te lang", "nl", 40)]
    [InlineData("an hour and a half", "en", 90)]
    [InlineData("een half uur", "nl", 30)]
    public void ReadDurationMinutes_CommuteDurations_ReturnsTheMinutes(string text, string language, int minutes) =>
        Assert.Equal(minutes, Recognizer.ReadDurationMinutes(text, language));

    [Theory]
    [InlineData("hoe ver willen ze reizen?", false)]
    [InlineData("wij bieden 4200", true)]
    [InlineData("een uur reizen", true)]
    [InlineData("fifty minutes", false)]
    public void MightHoldQuantity_TypicalTexts_GuardsTheExpensiveCalls(string text, bool expected) =>
        Assert.Equal(expected, QuantityRecognizer.MightHoldQuantity(text));
}
