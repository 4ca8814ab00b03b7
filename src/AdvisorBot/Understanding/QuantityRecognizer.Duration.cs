using System.Globalization;

namespace AdvisorBot.Understanding;

/// <summary>Durations: a one-way commute in minutes.</summary>
public sealed partial class QuantityRecognizer
{
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

        if (!MoreToCome().IsMatch(normalized) && HourWordsMinutes(normalized) is { } simple)
        {
            return simple;
        }

        if (RecognizedMinutes(text, language == "nl" ? "nl" : "en") is { } recognized)
        {
            return recognized;
        }

        var minutes = MinutesPattern().Match(normalized);
        return minutes.Success ? decimal.Parse(minutes.Groups[1].Value, CultureInfo.InvariantCulture) : HourWordsMinutes(normalized);
    }

    /// <summary>"een half uur" → 30, "een uur" → 60.</summary>
    private static decimal? HourWordsMinutes(string normalized) =>
        HalfHourPattern().IsMatch(normalized) ? 30 : OneHourPattern().IsMatch(normalized) ? 60 : null;

    private decimal? RecognizedMinutes(string text, string culture)
    {
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

        return null;
    }
}
