using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.DateTime;
using Microsoft.Recognizers.Text.Number;
using Microsoft.Recognizers.Text.NumberWithUnit;

namespace AdvisorBot.Understanding;

public enum SalaryPeriod
{
    Unknown,
    Month,
    Year,
    Hour,
}

/// <summary>A salary offer read from a message: amount, the period it is per, and hours per week where said.</summary>
/// <summary>"3 developers vóór 1 maart": how many people, by when (and whether the date came from a duration).</summary>
public sealed record HiringRequest(int Count, DateOnly Deadline, bool FromDuration);

/// <param name="UpperAmount">The top of a range ("€ 4.200 – € 6.100"), if the text gives one.</param>
public sealed record SalaryOffer(decimal Amount, SalaryPeriod Period, bool PeriodAssumed, decimal? HoursPerWeek, decimal? UpperAmount = null)
{
    /// <summary>The middle of the range, or the amount.</summary>
    public decimal Midpoint => UpperAmount is { } upper ? (Amount + upper) / 2 : Amount;
}

/// <summary>
/// Money, hours and durations with Microsoft.Recognizers.Text (nl-nl, en-us). Each call costs 0.1–1.5 ms, so the
/// dialog calls these only on turns that need a quantity. Models are built lazily once per culture and reused;
/// <see cref="WarmUp"/> pays the first-call cost in the background at start-up.
/// </summary>
public sealed partial class QuantityRecognizer
{
    private readonly Dictionary<string, IModel> _currency;
    private readonly Dictionary<string, IModel> _numbers;
    private readonly Dictionary<string, IModel> _dateTime;

    public QuantityRecognizer()
    {
        _currency = new()
        {
            ["nl"] = new NumberWithUnitRecognizer(Culture.Dutch, NumberWithUnitOptions.None, lazyInitialization: true).GetCurrencyModel(),
            ["en"] = new NumberWithUnitRecognizer(Culture.English, NumberWithUnitOptions.None, lazyInitialization: true).GetCurrencyModel(),
        };
        _numbers = new()
        {
            ["nl"] = new NumberRecognizer(Culture.Dutch, NumberOptions.None, lazyInitialization: true).GetNumberModel(),
            ["en"] = new NumberRecognizer(Culture.English, NumberOptions.None, lazyInitialization: true).GetNumberModel(),
        };
        _dateTime = new()
        {
            ["nl"] = new DateTimeRecognizer(Culture.Dutch, DateTimeOptions.None, lazyInitialization: true).GetDateTimeModel(),
            ["en"] = new DateTimeRecognizer(Culture.English, DateTimeOptions.None, lazyInitialization: true).GetDateTimeModel(),
        };
    }

    /// <summary>Runs each model once per language so the first user does not pay for it.</summary>
    public void WarmUp()
    {
        foreach (var language in new[] { "nl", "en" })
        {
            ReadSalary(language == "nl" ? "wij bieden € 4.200 per maand bij 36 uur" : "we offer EUR 52,000 a year", language);
            ReadDurationMinutes(language == "nl" ? "een uur reizen" : "50 minutes", language);
        }
    }

    /// <summary>True when a message could hold a quantity: a digit or a number word. Cheap; guards the expensive calls.</summary>
    public static bool MightHoldQuantity(string text) => QuantityHint().IsMatch(text);

    /// <summary>Hours per week in a text ("36 uur", "32-36 hours per week"), if any.</summary>
    public decimal? ReadHoursPerWeek(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadHours(text, "");
    }

    private decimal? ReadHours(string text, string culture)
    {
        var normalized = DurationWords.ToDigits(TextNormalizer.Normalize(text));

        // "4 dagen van 8 uur", "4 days of 9 hours": days times hours.
        var days = DaysOfHoursPattern().Match(normalized);
        if (days.Success && int.TryParse(days.Groups[1].Value, CultureInfo.InvariantCulture, out var dayCount)
            && decimal.TryParse(days.Groups[2].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var perDay)
            && dayCount is >= 1 and <= 7 && dayCount * perDay is >= 8 and <= 60)
        {
            return dayCount * perDay;
        }

        var match = HoursPattern().Match(normalized);
        if (match.Success && decimal.TryParse(match.Groups[1].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var hours)
            && hours is >= 8 and <= 60)
        {
            return hours;
        }

        // "at 36 hours", "om 32 uur": after "at"/"om" a number of hours is a clock time, unless no clock shows it (25–60).
        var at = WeeklyAfterAtPattern().Match(normalized);
        if (at.Success && decimal.TryParse(at.Groups[1].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out hours) && hours is >= 25 and <= 60)
        {
            return hours;
        }

        _ = culture;
        return null;
    }

    private static bool TryValue(ModelResult result, out decimal value)
    {
        value = 0;
        // The Dutch models write a decimal comma ("3612,5"): a comma here is never a thousands separator.
        return result.Resolution?.TryGetValue("value", out var raw) == true
            && decimal.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture)?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"\d|\b(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|half|halfuur|anderhalf|anderhalve|kwartier|uur|quarter|one|two|three|four|five|six|seven|eight|nine|ten|an hour|half|hour)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityHint();

    [GeneratedRegex(@"\b(moet|moeten|nodig|werven|aannemen|aantrekken|invullen|vervullen|need|needs|hire|hiring|recruit|fill|must have)\b")]
    private static partial Regex NeedWords();

    [GeneratedRegex(@"\b(maand|maanden|maandelijks|maandsalaris|maandloon|p\.?m\.?|pm|p m|month|monthly|mnd)\b")]
    private static partial Regex MonthWords();

    [GeneratedRegex(@"\b(jaar|jaarlijks|jaarsalaris|jaarloon|per jr|p\.?j\.?|year|yearly|annual|annually|annum|pa|p\.a\.?)\b")]
    private static partial Regex YearWords();

    [GeneratedRegex(@"\b(per uur|uurloon|uurtarief|an hour|per hour|hourly)\b")]
    private static partial Regex HourWords();

    [GeneratedRegex(@"(?<!\b(?:om|at|vanaf|tot|until|from|by)\s)(\d{1,2}(?:[.,]\d)?)\s*(?:urige|uurs|uur|u|uren|hours|hour|hrs|h)\b(?:\s*(?:per|in de|a|p\.?)\s*(?:week|wk|w))?")]
    private static partial Regex HoursPattern();

    [GeneratedRegex(@"\b(?:om|at|vanaf|from|by)\s(\d{2})\s*(?:urige|uurs|uur|uren|hours|hour|hrs|h)\b")]
    private static partial Regex WeeklyAfterAtPattern();

    [GeneratedRegex(@"\b([1-7])\s*(?:dagen|dag|days|day)\s*(?:van|of|a|x|à|per week van)\s*(\d{1,2}(?:[.,]\d)?)\s*(?:uur|uren|hours|hour|hrs|h|u)\b")]
    private static partial Regex DaysOfHoursPattern();

    [GeneratedRegex(@"(\d+(?:[.,]\d+)?)\s*k\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThousandsShorthand();

    /// <summary>The period a question asks a salary in ("maandsalaris", "per hour"), or null for none.</summary>
    public static SalaryPeriod? AskedPeriod(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        // A rate ("uurtarief", "hourly rate of a freelancer") is what contractors charge: not an employee's pay per hour.
        return AskedHourWords().IsMatch(normalized) && !RateWords().IsMatch(normalized) ? SalaryPeriod.Hour
            : MonthWords().IsMatch(normalized) ? SalaryPeriod.Month
            : null;
    }

    [GeneratedRegex(@"\b(per uur|hourly wage|hourly pay|an hour|per hour|uurloon|brutouurloon)\b")]
    private static partial Regex AskedHourWords();

    [GeneratedRegex(@"tarief|\brates?\b|zzp|freelanc|detach|contractor|inhuur")]
    private static partial Regex RateWords();

    [GeneratedRegex(@"\b(in|uit|sinds|since|van|from|dan|than|tot|until|na|after|voor|before|of|jaar|year|begin|eind|end|medio|t/m)\s+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearPreposition();

    /// <summary>What may stand between the two amounts of a range: a dash, "tot", "to", "en", "and", a currency.</summary>
    [GeneratedRegex(@"^\s*(?:euro|eur|€)?\s*(?:-|–|—|tot(?:\s+en\s+met)?|t/m|to|en|and)\s*(?:euro|eur|€)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RangeJoint();

    [GeneratedRegex(@"^\s*(?:euro|eur|€)?\s*(?:en|and)\s*(?:euro|eur|€)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex JoinedByAnd();

    /// <summary>"tussen … en …", "between … and …": "and" joins a range only after these.</summary>
    [GeneratedRegex(@"\b(?:tussen|between|van|from)\s*(?:de\s+|het\s+|the\s+)?(?:euro|eur|€)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RangeStart();





}
