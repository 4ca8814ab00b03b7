using System.Globalization;
using Microsoft.Recognizers.Text.DateTime;

namespace AdvisorBot.Understanding;

/// <summary>Hiring goals: how many people by when.</summary>
public sealed partial class QuantityRecognizer
{
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
        var (deadline, fromDuration, dateSpans) = ReadDeadline(text, culture, now);
        if (deadline is null)
        {
            return null;
        }

        foreach (var result in _numbers[culture].Parse(text))
        {
            if (!dateSpans.Any(span => result.Start <= span.End && result.End >= span.Start)
                && TryValue(result, out var count) && count is >= 1 and <= 500 && count == Math.Floor(count))
            {
                return new HiringRequest((int)count, deadline.Value, fromDuration);
            }
        }

        return null;
    }

    /// <summary>The first future date or span in the text, and where every date expression stands (its numbers are no head count).</summary>
    private (DateOnly? Deadline, bool FromDuration, List<(int Start, int End)> Spans) ReadDeadline(string text, string culture, DateTimeOffset now)
    {
        var spans = new List<(int Start, int End)>();
        (DateOnly Date, bool FromDuration)? found = null;
        foreach (var result in ((DateTimeModel)_dateTime[culture]).Parse(text, now.UtcDateTime))
        {
            spans.Add((result.Start, result.End));
            if (found is null && result.Resolution?.TryGetValue("values", out var raw) == true && raw is IList<Dictionary<string, string>> values)
            {
                found = values.Select(v => Deadline(result.TypeName, v, now)).FirstOrDefault(d => d is not null);
            }
        }

        return (found?.Date, found?.FromDuration ?? false, spans);
    }

    private static (DateOnly Date, bool FromDuration)? Deadline(string typeName, Dictionary<string, string> value, DateTimeOffset now)
    {
        if (typeName == "datetimeV2.duration" && value.TryGetValue("value", out var seconds)
            && double.TryParse(seconds, NumberStyles.Number, CultureInfo.InvariantCulture, out var s) && s > 0)
        {
            return (DateOnly.FromDateTime(now.UtcDateTime.AddSeconds(s)), true);
        }

        var candidate = value.TryGetValue("value", out var v) ? v : value.TryGetValue("end", out var end) ? end : null;
        if (candidate is not null && DateOnly.TryParseExact(candidate[..Math.Min(10, candidate.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date > DateOnly.FromDateTime(now.UtcDateTime))
        {
            return (date, typeName == "datetimeV2.daterange");
        }

        return null;
    }
}
