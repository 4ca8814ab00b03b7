using System.Globalization;
using Microsoft.Recognizers.Text;

namespace AdvisorBot.Understanding;

/// <summary>Salary offers: amount, range, period and hours.</summary>
public sealed partial class QuantityRecognizer
{
    public SalaryOffer? ReadSalary(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var culture = language == "nl" ? "nl" : "en";
        var hours = ReadHours(text, culture);
        var (amount, upper) = ReadAmount(text, culture, hours);
        if (amount is null)
        {
            return null;
        }

        var normalized = TextNormalizer.Normalize(text);
        var period = MonthWords().IsMatch(normalized) ? SalaryPeriod.Month
            : YearWords().IsMatch(normalized) ? SalaryPeriod.Year
            : HourWords().IsMatch(normalized) ? SalaryPeriod.Hour
            : SalaryPeriod.Unknown;
        var assumed = false;
        if (period == SalaryPeriod.Unknown)
        {
            // A salary under 15,000 is almost always per month; say so when answering.
            period = amount < 15_000m ? SalaryPeriod.Month : SalaryPeriod.Year;
            assumed = true;
        }

        return new SalaryOffer(amount.Value, period, assumed, hours, upper);
    }

    /// <summary>
    /// The amount (and the top of a range): amounts in money words (a currency only counts next to digits: "een HR"
    /// is no amount), else numbers of at least 100 that are not the hours, else "42k". Two amounts side by side with a
    /// range word between them ("tussen 4.000 en 5.800 euro", "€ 4.200 – € 5.100") are a range, whichever of them
    /// carries the currency.
    /// </summary>
    private (decimal? Amount, decimal? Upper) ReadAmount(string text, string culture, decimal? hours)
    {
        var money = Mentions(_currency[culture].Parse(text).Where(r => r.Text.Any(char.IsAsciiDigit)), 1);
        var numbers = Mentions(_numbers[culture].Parse(text), 100).Where(n => n.Value != hours && !IsYear(text, n)).ToList();
        if (money.Count == 0 && numbers.Count == 0)
        {
            var k = ThousandsShorthand().Match(text);
            return k.Success && decimal.TryParse(k.Groups[1].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var thousands)
                ? (thousands * 1000, null)
                : (null, null);
        }

        if (Range(text, [.. money, .. numbers]) is { } range)
        {
            return (range.Low, range.High);
        }

        return (money.Count > 0 ? money[0].Value : numbers.Max(n => n.Value), null);
    }

    /// <summary>"vacatures in 2020", "sinds 2019", "than in 2019": a year after a word that names one, not an amount.</summary>
    private static bool IsYear(string text, (decimal Value, int Start, int End) number) =>
        number.Value is >= 1950 and <= 2099 && decimal.IsInteger(number.Value) && number.End - number.Start == 3
        && YearPreposition().IsMatch(text[..number.Start]);

    private static List<(decimal Value, int Start, int End)> Mentions(IEnumerable<ModelResult> results, decimal minimum) =>
        [.. results.Select(r => (Ok: TryValue(r, out var v), Value: v, r.Start, r.End)).Where(m => m.Ok && m.Value >= minimum).Select(m => (m.Value, m.Start, m.End))];

    /// <summary>Two amounts next to each other, the second higher (at most 2.5×), joined by a range word.</summary>
    private static (decimal Low, decimal High)? Range(string text, List<(decimal Value, int Start, int End)> mentions)
    {
        var ordered = mentions.OrderBy(m => m.Start).ToList();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            var (low, high) = (ordered[i], ordered[i + 1]);
            if (high.Start <= low.End || high.Start - low.End > 20 || high.Value <= low.Value || high.Value > low.Value * 2.5m)
            {
                continue;
            }

            var between = text[(low.End + 1)..high.Start];
            var before = text[Math.Max(0, low.Start - 12)..low.Start];
            if (RangeJoint().IsMatch(between) && (!JoinedByAnd().IsMatch(between) || RangeStart().IsMatch(before)))
            {
                return (low.Value, high.Value);
            }
        }

        return null;
    }
}
