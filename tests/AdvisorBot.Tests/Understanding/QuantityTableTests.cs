using System.Globalization;

namespace AdvisorBot.Tests.Understanding;

/// <summary>
/// The quantity table (Data/quantities.tsv, written as HR staff type, disjoint from the code's own examples): every
/// duration in exact minutes, every salary with its amount (a range's middle), period, hours and the yearly amount
/// on a 40-hour basis, every hours figure, and the texts that hold none of them.
/// </summary>
public sealed class QuantityTableTests
{
    private static readonly QuantityRecognizer Recognizer = new();

    public static TheoryData<string, string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(TestData.DataFolder, "quantities.tsv")).Skip(1).Where(l => l.Trim().Length > 0))
        {
            var cells = line.Split('\t');
            rows.Add(cells[0], cells[1], cells[2], cells[3].Trim());
        }

        return rows;
    }

    private static decimal D(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Read_HrPhrasing_GivesTheExactQuantity(string kind, string language, string text, string expected)
    {
        switch (kind)
        {
            case "duration":
                Assert.Equal(expected == "none" ? null : D(expected), Recognizer.ReadDurationMinutes(text, language));
                break;
            case "hours":
                Assert.Equal(expected == "none" ? null : D(expected), Recognizer.ReadHoursPerWeek(text));
                break;
            default:
                AssertSalary(Recognizer.ReadSalary(text, language), expected);
                break;
        }
    }

    private static void AssertSalary(SalaryOffer? offer, string expected)
    {
        if (expected == "none")
        {
            Assert.True(offer is null, $"read {offer}");
            return;
        }

        var want = expected.Split(';').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.NotNull(offer);
        Assert.Equal(D(want["amount"]), offer.Midpoint);
        Assert.Equal(want["period"] == "month" ? SalaryPeriod.Month : SalaryPeriod.Year, offer.Period);
        Assert.Equal(want["hours"] == "none" ? null : D(want["hours"]), offer.HoursPerWeek);
        Assert.Equal(want["middle"] == "yes", offer.UpperAmount is not null);
        var basis = new AdvisorBot.Knowledge.Figure(47_000, AdvisorBot.Knowledge.FigureUnit.EurPerYear, "jobfeed") { HoursBasis = 40 };
        var (_, atBasis, _, _) = SalaryHandler.Compare(offer.Midpoint, offer, basis);
        Assert.Equal(D(want["yearly40"]), Math.Round(atBasis, 0, MidpointRounding.AwayFromZero));
    }
}
