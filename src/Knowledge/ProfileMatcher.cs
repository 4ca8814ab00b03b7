using System.Globalization;
using System.Text;

namespace AdvisorBot.Knowledge;

/// <summary>Scores profiles against a <see cref="TargetGroupQuery"/>: function first, then seniority, region, education.</summary>
public static class ProfileMatcher
{
    public static ProfileMatch? Resolve(IEnumerable<TargetGroupProfile> profiles, TargetGroupQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ProfileMatch? best = null;
        var bestScore = -1;
        foreach (var profile in profiles.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var gaps = new List<MatchGap>();
            var score = Score(profile, query, gaps);
            if (score > bestScore)
            {
                bestScore = score;
                best = new ProfileMatch(profile, gaps);
            }
        }

        return best;
    }

    /// <summary>The profile's score for the query; adds a gap for every asked dimension the profile does not match.</summary>
    private static int Score(TargetGroupProfile profile, TargetGroupQuery query, List<MatchGap> gaps)
    {
        var score = 0;
        if (query.Function is { Length: > 0 } function)
        {
            if (MatchesFunction(profile, function)) { score += 1000; }
            else { gaps.Add(new(MatchDimension.Function, function)); }
        }

        if (query.Seniority is { Length: > 0 } seniority)
        {
            if (string.Equals(profile.Selection.ExperienceLevel.Code, seniority, StringComparison.OrdinalIgnoreCase)) { score += 100; }
            else { gaps.Add(new(MatchDimension.Seniority, seniority)); }
        }

        if (query.Region is { Length: > 0 } region)
        {
            if (string.Equals(profile.Selection.Region.Code, region, StringComparison.OrdinalIgnoreCase)
                || profile.Selection.Region.Label.Languages.Any(l => string.Equals(profile.Selection.Region.Label[l], region, StringComparison.OrdinalIgnoreCase)))
            {
                score += 10;
            }
            else { gaps.Add(new(MatchDimension.Region, region)); }
        }

        if (query.Education is { Length: > 0 } education)
        {
            if (profile.Selection.EducationLevels.Any(e => string.Equals(e.Code, education, StringComparison.OrdinalIgnoreCase))) { score += 1; }
            else { gaps.Add(new(MatchDimension.Education, education)); }
        }

        return score;
    }

    /// <summary>True when the text names the profile's function by one of its synonyms, as whole words.</summary>
    public static bool MatchesFunction(TargetGroupProfile profile, string text)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var normalized = $" {Normalize(text)} ";
        return profile.Selection.FunctionSynonyms.Any(s => normalized.Contains($" {Normalize(s)} ", StringComparison.Ordinal));
    }

    /// <summary>Lower case, no diacritics, letters and digits only, single spaces.</summary>
    public static string Normalize(string text) => Normalize(text, keep: "");

    /// <summary>
    /// Lower case, no diacritics, single spaces; keeps letters, digits and the characters in <paramref name="keep"/>
    /// (the understanding layer keeps "€%.,:" so amounts and times survive). The one normaliser of the code base.
    /// </summary>
    public static string Normalize(string text, string keep)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(keep);
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c) || keep.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                builder.Append(' ');
                lastWasSpace = true;
            }
        }

        return builder.ToString().TrimEnd();
    }
}
