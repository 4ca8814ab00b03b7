using System.Text.RegularExpressions;
using AdvisorBot.Knowledge;

namespace AdvisorBot.Understanding;

/// <summary>The normalisation the recognizers share: lower case, no diacritics, single spaces, amounts kept ("€ 4.200", "60,6%").</summary>
public static partial class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // "50+" is "50 plus" (an age band), not the number 50.
        return ProfileMatcher.Normalize(text.Contains('+', StringComparison.Ordinal) ? PlusPattern().Replace(text, "$1 plus ") : text, keep: "€%.,:");
    }

    [GeneratedRegex(@"(\d)\s*\+", RegexOptions.CultureInvariant)]
    private static partial Regex PlusPattern();
}
