using System.Globalization;

namespace AdvisorBot.Understanding;

/// <summary>Durations: a one-way commute in minutes.</summary>
public sealed partial class QuantityRecognizer
{
    /// <summary>A one-way commute in minutes: "een uur", "50 minuten", "three quarters of an hour".</summary>
    public decimal? ReadDurationMinutes(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);

        // The forms people write ("1 uur en 10 minuten", "vijf kwartier", "1u15", "an hour and a half") are read exactly,
        // in a microsecond; the DateTime recognizer (0.4–0.8 ms a call) only gets what they do not cover.
        return DurationWords.Minutes(TextNormalizer.Normalize(text)) ?? RecognizedMinutes(text, language == "nl" ? "nl" : "en");
    }

    /// <summary>A one-way commute is at most a few hours; "3 dagen per week" is no commute.</summary>
    private const decimal MaxCommuteSeconds = 4 * 3600;

    private decimal? RecognizedMinutes(string text, string culture)
    {
        foreach (var result in _dateTime[culture].Parse(text))
        {
            if (result.TypeName == "datetimeV2.duration"
                && result.Resolution?.TryGetValue("values", out var values) == true
                && values is IList<Dictionary<string, string>> list && list.Count > 0
                && list[0].TryGetValue("value", out var seconds)
                && decimal.TryParse(seconds, NumberStyles.Number, CultureInfo.InvariantCulture, out var s)
                && s <= MaxCommuteSeconds)
            {
                return Math.Round(s / 60m, 1);
            }
        }

        return null;
    }
}
