using System.Globalization;
using System.Text.RegularExpressions;

namespace AdvisorBot.Understanding;

/// <summary>
/// Durations as people write them, read exactly in both languages without the DateTime recognizer: "1 uur en 10
/// minuten", "anderhalf uur", "1,5 uur", "1u15", "1:15", "vijf kwartier", "drie kwartier", "een half uur", "an hour
/// and a half", "one hour and a quarter", "45 mins". Number words up to sixty count as digits.
/// </summary>
public static partial class DurationWords
{
    private static readonly Dictionary<string, string> Numbers = new(StringComparer.Ordinal)
    {
        ["een"] = "1", ["één"] = "1", ["eén"] = "1", ["twee"] = "2", ["drie"] = "3", ["vier"] = "4", ["vijf"] = "5", ["zes"] = "6",
        ["zeven"] = "7", ["acht"] = "8", ["negen"] = "9", ["tien"] = "10", ["elf"] = "11", ["twaalf"] = "12", ["vijftien"] = "15",
        ["twintig"] = "20", ["vijfentwintig"] = "25", ["dertig"] = "30", ["vijfendertig"] = "35", ["veertig"] = "40",
        ["vijfenveertig"] = "45", ["vijftig"] = "50", ["zestig"] = "60",
        ["a"] = "1", ["an"] = "1", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6",
        ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["fifteen"] = "15", ["twenty"] = "20", ["twenty five"] = "25",
        ["thirty"] = "30", ["thirty five"] = "35", ["forty"] = "40", ["forty five"] = "45", ["fifty"] = "50", ["sixty"] = "60",
    };

    /// <summary>The minutes of the first duration in <paramref name="normalized"/> text (<see cref="TextNormalizer"/>), or null.</summary>
    public static decimal? Minutes(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var text = $" {Digits(normalized)} ";
        if (Clock().Match(text) is { Success: true } clock)
        {
            return Int(clock.Groups["h"]) * 60 + Int(clock.Groups["m"]);
        }

        var (total, found) = ReadParts(text);
        return found ? total : null;
    }

    /// <summary>The parts of an hour named with "hour" in them, then the hours, then quarters and minutes, added up.</summary>
    private static (decimal Total, bool Found) ReadParts(string text)
    {
        decimal total = 0;
        var found = false;
        foreach (var (pattern, minutes) in Phrases)
        {
            if (pattern.Match(text) is { Success: true } phrase)
            {
                total += minutes(phrase);
                found = true;
                text = text.Remove(phrase.Index, phrase.Length).Insert(phrase.Index, " ");
            }
        }

        if (Hours().Match(text) is { Success: true } hours)
        {
            total += Number(hours.Groups["n"].Value) * 60;
            found = true;
            text = text[(hours.Index + hours.Length)..];
            total += AndAHalf().IsMatch(text) ? 30 : 0;
        }

        if (Quarters().Match(text) is { Success: true } quarters)
        {
            total += (quarters.Groups["n"].Success ? Number(quarters.Groups["n"].Value) : 1) * 15;
            found = true;
        }

        if (MinutesPart().Match(text) is { Success: true } minutesPart)
        {
            total += Number(minutesPart.Groups["n"].Value);
            found = true;
        }

        return (total, found);
    }

    /// <summary>Phrases that name a part of an hour with the word "hour" in them, read before the hours so "an hour" in them is not one.</summary>
    private static readonly (Regex Pattern, Func<Match, decimal> Minutes)[] Phrases =
    [
        (QuartersOfAnHour(), m => (m.Groups["n"].Success ? Number(m.Groups["n"].Value) : 1) * 15),
        (HalfHour(), _ => 30),
    ];

    /// <summary>Number words as digits ("twintig uur" → "20 uur", "thirty two" → "32"), for the other readers.</summary>
    public static string ToDigits(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return Digits(normalized);
    }

    private static string Digits(string text)
    {
        text = Compound().Replace(text, m => (Tens(m.Groups["tens"].Value) + Units(m.Groups["unit"].Value)).ToString(CultureInfo.InvariantCulture));
        text = AndAHalfHour().Replace(text, m => $"{m.Groups["n"].Value} uur en een half ");
        text = Anderhalf().Replace(text, "1.5 uur");
        return NumberWord().Replace(text, m => Numbers.TryGetValue(m.Value, out var digits) ? digits : m.Value);
    }

    private static int Tens(string word) => word switch
    {
        "twintig" or "twenty" => 20, "dertig" or "thirty" => 30, "veertig" or "forty" => 40, "vijftig" or "fifty" => 50, _ => 0,
    };

    private static int Units(string word) => word switch
    {
        "een" or "one" => 1, "twee" or "two" => 2, "drie" or "three" => 3, "vier" or "four" => 4, "vijf" or "five" => 5,
        "zes" or "six" => 6, "zeven" or "seven" => 7, "acht" or "eight" => 8, "negen" or "nine" => 9, _ => 0,
    };

    /// <summary>"tweeendertig" (tweeëndertig without its diaeresis), "thirty two".</summary>
    [GeneratedRegex(@"\b(?:(?<unit>een|twee|drie|vier|vijf|zes|zeven|acht|negen)en(?<tens>twintig|dertig|veertig|vijftig)|(?<tens>twenty|thirty|forty|fifty)\s(?<unit>one|two|three|four|five|six|seven|eight|nine))\b")]
    private static partial Regex Compound();

    private static decimal Number(string digits) => decimal.Parse(digits.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture);

    private static int Int(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(twenty five|thirty five|forty five|vijfentwintig|vijfendertig|vijfenveertig|een|één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|dertig|veertig|vijftig|zestig|an|a|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty|sixty)\b")]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"\banderhalf(?:ve)?\s*(?:uur|uren)\b")]
    private static partial Regex Anderhalf();

    /// <summary>"one and a half hours", "1 and a half hour": the hours and a half.</summary>
    [GeneratedRegex(@"\b(?<n>\d+|an?|one|two|three)\s+and\s+a\s+half\s+hours?\b")]
    private static partial Regex AndAHalfHour();

    [GeneratedRegex(@"\s(?<h>\d{1,2})\s*(?:u|h|:)\s*(?<m>[0-5]\d)\b")]
    private static partial Regex Clock();

    [GeneratedRegex(@"(?<![\d.,])(?<n>\d{1,2}(?:[.,]\d{1,2})?)\s*(?:uur|uren|hour|hours|hrs|hr|u|h)\b(?!\s*(?:per|a|in\s+de|p)\s*(?:week|wk|w)\b)")]
    private static partial Regex Hours();

    [GeneratedRegex(@"^\s*(?:en|and)\s+(?:1\s+)?(?:half|halve)\b")]
    private static partial Regex AndAHalf();

    [GeneratedRegex(@"(?:(?<n>\d{1,2})\s*kwartier(?:tje)?\b|\b(?:en|and)\s+1?\s*(?:kwartier|quarter)\b)")]
    private static partial Regex Quarters();

    /// <summary>"three quarters of an hour", "a quarter of an hour" (number words already digits).</summary>
    [GeneratedRegex(@"\b(?<n>\d)?\s*quarters?\s+of\s+(?:1|an?)\s*hour\b")]
    private static partial Regex QuartersOfAnHour();

    [GeneratedRegex(@"(?<n>\d{1,3})\s*(?:minuten|minuutjes|minuut|minuts|minutes|minute|mins|min|mnt|m)\b")]
    private static partial Regex MinutesPart();

    /// <summary>"een half uur", "halfuur", "half an hour" (not "an hour and a half", read as hours and a half).</summary>
    [GeneratedRegex(@"(?:\b1\s+)?\bhalf\s*(?:uurtje|uur|hour)\b|\bhalfuur(?:tje)?\b|\bhalf\s+(?:1|an?)\s+hour\b")]
    private static partial Regex HalfHour();
}
