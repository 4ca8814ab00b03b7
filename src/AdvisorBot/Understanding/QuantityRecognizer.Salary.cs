using System.Globalization;

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

    /// <summary>The amount (and the top of a range) in money words, else the largest number that is not the hours, else "42k".</summary>
    private (decimal? Amount, decimal? Upper) ReadAmount(string text, string culture, decimal? hours)
    {
        decimal? amount = null;
        decimal? upper = null;
        foreach (var result in _currency[culture].Parse(text))
        {
            if (!TryValue(result, out var value) || value < 1)
            {
                continue;
            }

            if (amount is null)
            {
                amount = value;
            }
            else if (value > amount && value <= amount * 2.5m && (upper is null || value > upper))
            {
                upper = value;
            }
        }

        if (amount is not null)
        {
            return (amount, upper);
        }

        amount = _numbers[culture].Parse(text)
            .Select(r => TryValue(r, out var v) ? v : (decimal?)null)
            .Where(v => v is >= 100 && v != hours)
            .Max();
        var k = ThousandsShorthand().Match(text);
        if (amount is null && k.Success && decimal.TryParse(k.Groups[1].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var thousands))
        {
            amount = thousands * 1000;
        }

        return (amount, null);
    }
}
