using AdvisorBot.Knowledge;

namespace AdvisorBot.Understanding;

/// <summary>The normalisation the recognizers share: lower case, no diacritics, single spaces, amounts kept ("€ 4.200", "60,6%").</summary>
public static class TextNormalizer
{
    public static string Normalize(string text) => ProfileMatcher.Normalize(text, keep: "€%.,:");
}
