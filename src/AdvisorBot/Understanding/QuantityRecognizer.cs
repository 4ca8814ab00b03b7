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

    public SalaryOffer? ReadSalary(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var culture = language == "nl" ? "nl" : "en";
        var hours = ReadHours(text, culture);
        decimal? amount = null;
        decimal? upper = null;
        foreach (var result in _currency[culture].Parse(text))
        {
            if (TryValue(result, out var value) && value >= 1)
            {
                if (amount is null)
                {
                    amount = value;
                }
                else if (value > amount && value <= amount * 2.5m && (upper is null || value > upper))
                {
                    upper = value;
                }
            }
        }

        if (amount is null)
        {
            // "42k", "42.000" without a currency word: take the largest number that is not the hours.
            amount = _numbers[culture].Parse(text)
                .Select(r => TryValue(r, out var v) ? v : (decimal?)null)
                .Where(v => v is >= 100 && v != hours)
                .Max();
            var k = ThousandsShorthand().Match(text);
            if (amount is null && k.Success && decimal.TryParse(k.Groups[1].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var thousands))
            {
                amount = thousands * 1000;
            }
        }

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
    /// A hiring need with a deadline: a number of people and a date ("voor 1 maart") or a span ("within three months"),
    /// relative to <paramref name="now"/>. Null unless the text says it needs people (need-words), gives both a number
    /// and a future deadline. Numbers inside the date ("1 maart", "drie maanden") do not count as people.
    /// </summary>
    public HiringRequest? ReadHiringRequest(string text, string language, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);
        if (!MightHoldQuantity(text) || !NeedWords().IsMatch(normalized))
        {
            return null;
        }

        var culture = language == "nl" ? "nl" : "en";
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        DateOnly? deadline = null;
        var fromDuration = false;
        var dateSpans = new List<(int Start, int End)>();
        var model = (DateTimeModel)_dateTime[culture];
        foreach (var result in model.Parse(text, now.UtcDateTime))
        {
            dateSpans.Add((result.Start, result.End));
            if (deadline is not null || result.Resolution?.TryGetValue("values", out var raw) != true || raw is not IList<Dictionary<string, string>> values)
            {
                continue;
            }

            foreach (var value in values)
            {
                if (result.TypeName == "datetimeV2.duration" && value.TryGetValue("value", out var seconds)
                    && double.TryParse(seconds, NumberStyles.Number, CultureInfo.InvariantCulture, out var s) && s > 0)
                {
                    deadline = DateOnly.FromDateTime(now.UtcDateTime.AddSeconds(s));
                    fromDuration = true;
                    break;
                }

                var candidate = value.TryGetValue("value", out var v) ? v : value.TryGetValue("end", out var end) ? end : null;
                if (candidate is not null && DateOnly.TryParseExact(candidate[..Math.Min(10, candidate.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    && date > today)
                {
                    deadline = date;
                    fromDuration = result.TypeName == "datetimeV2.daterange";
                    break;
                }
            }
        }

        if (deadline is null)
        {
            return null;
        }

        foreach (var result in _numbers[culture].Parse(text))
        {
            if (dateSpans.Any(span => result.Start <= span.End && result.End >= span.Start))
            {
                continue;
            }

            if (TryValue(result, out var count) && count is >= 1 and <= 500 && count == Math.Floor(count))
            {
                return new HiringRequest((int)count, deadline.Value, fromDuration);
            }
        }

        return null;
    }

    /// <summary>A one-way commute in minutes: "een uur", "50 minuten", "three quarters of an hour".</summary>
    public decimal? ReadDurationMinutes(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = TextNormalizer.Normalize(text);

        // Fast path for the unambiguous forms ("50 minuten", "een uur" with nothing after it such as "en een half"):
        // the DateTime recognizer costs 0.4–0.8 ms a call, the regexes a microsecond.
        var exact = ExactMinutes().Match(normalized);
        if (exact.Success)
        {
            return decimal.Parse(exact.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (!MoreToCome().IsMatch(normalized))
        {
            if (HalfHourPattern().IsMatch(normalized))
            {
                return 30;
            }

            if (OneHourPattern().IsMatch(normalized))
            {
                return 60;
            }
        }

        var culture = language == "nl" ? "nl" : "en";
        foreach (var result in _dateTime[culture].Parse(text))
        {
            if (result.TypeName == "datetimeV2.duration"
                && result.Resolution?.TryGetValue("values", out var values) == true
                && values is IList<Dictionary<string, string>> list && list.Count > 0
                && list[0].TryGetValue("value", out var seconds)
                && decimal.TryParse(seconds, NumberStyles.Number, CultureInfo.InvariantCulture, out var s))
            {
                return Math.Round(s / 60m, 1);
            }
        }

        var minutes = MinutesPattern().Match(normalized);
        if (minutes.Success)
        {
            return decimal.Parse(minutes.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (HalfHourPattern().IsMatch(normalized))
        {
            return 30;
        }

        if (OneHourPattern().IsMatch(normalized))
        {
            return 60;
        }

        return null;
    }

    /// <summary>Hours per week in a text ("36 uur", "32-36 hours per week"), if any.</summary>
    public decimal? ReadHoursPerWeek(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadHours(text, "");
    }

    private decimal? ReadHours(string text, string culture)
    {
        var match = HoursPattern().Match(TextNormalizer.Normalize(text));
        if (match.Success && decimal.TryParse(match.Groups[1].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var hours)
            && hours is > 0 and <= 60)
        {
            return hours;
        }

        _ = culture;
        return null;
    }

    private static bool TryValue(ModelResult result, out decimal value)
    {
        value = 0;
        return result.Resolution?.TryGetValue("value", out var raw) == true
            && decimal.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"\d|\b(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|half|halfuur|kwartier|uur|one|two|three|four|five|six|seven|eight|nine|ten|an hour|half|hour)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityHint();

    [GeneratedRegex(@"\b(moet|moeten|nodig|werven|aannemen|aantrekken|invullen|vervullen|need|needs|hire|hiring|recruit|fill|must have)\b")]
    private static partial Regex NeedWords();

    [GeneratedRegex(@"\b(maand|maanden|maandelijks|maandsalaris|maandloon|p\.?m\.?|pm|month|monthly|mnd)\b")]
    private static partial Regex MonthWords();

    [GeneratedRegex(@"\b(jaar|jaarlijks|jaarsalaris|jaarloon|per jr|p\.?j\.?|year|yearly|annual|annually|annum|pa|p\.a\.?)\b")]
    private static partial Regex YearWords();

    [GeneratedRegex(@"\b(per uur|uurloon|uurtarief|an hour|per hour|hourly)\b")]
    private static partial Regex HourWords();

    [GeneratedRegex(@"(\d{1,2}(?:[.,]\d)?)\s*(?:uur|u|uren|hours|hour|hrs|h)\b(?:\s*(?:per|in de|a|p\.?)\s*(?:week|wk|w))?")]
    private static partial Regex HoursPattern();

    [GeneratedRegex(@"(\d+(?:[.,]\d+)?)\s*k\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThousandsShorthand();

    [GeneratedRegex(@"(\d{1,3})\s*(?:min|mins|minuten|minutes|minuut|minute)\b")]
    private static partial Regex MinutesPattern();

    [GeneratedRegex(@"^(?:.*\D)?(\d{1,3})\s*(?:min|mins|minuten|minutes|minuut|minute)\b(?!.*\b(?:uur|hour|hours|kwartier)\b)")]
    private static partial Regex ExactMinutes();

    /// <summary>Words that make "een uur" part of a longer duration: "een uur en een kwartier", "anderhalf uur", "an hour and a half".</summary>
    [GeneratedRegex(@"\b(anderhalf|uur en|hour and|hours and|kwartier|drie kwart|three quarters|quarter)\b")]
    private static partial Regex MoreToCome();

    [GeneratedRegex(@"\b(half uur|halfuur|half an hour|half hour)\b")]
    private static partial Regex HalfHourPattern();

    [GeneratedRegex(@"\b(een uur|1 uur|uurtje|an hour|one hour|1 hour)\b")]
    private static partial Regex OneHourPattern();
}
