using System.Text.Json;
using System.Text.Json.Serialization;
using AdvisorBot.Knowledge;

namespace AdvisorBot.Understanding;

/// <summary>
/// Words that name a target group's seniority, education and region, and functions we have no report for
/// (dialogs/lexicon.json). Function synonyms we do cover come from the profiles themselves.
/// </summary>
public sealed record Lexicon(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Seniority,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Education,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Regions,
    IReadOnlyList<string> OtherFunctions)
{
    /// <summary>The asker's own roles: "benaderd door recruiters" is no question about recruiters.</summary>
    public IReadOnlyList<string> AskerRoles { get; init; } = [];

    /// <summary>Words right before ("door", "als een", "by") or after ("belt", "calls") a role that make it the asker's.</summary>
    public RoleCues RoleCues { get; init; } = new([], []);

    /// <summary>Endings that make a single word a function ("-medewerker", "-kundige", "-ist"), per language.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FunctionSuffixes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Words with such an ending that are no function we lack ("checklist", "deskundige").</summary>
    public IReadOnlyList<string> NotFunctionWords { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Lexicon Load(string path) =>
        JsonSerializer.Deserialize<Lexicon>(File.ReadAllText(path), Options)
        ?? throw new FormatException($"{Path.GetFileName(path)}: empty lexicon");
}

public sealed record RoleCues(IReadOnlyList<string> Before, IReadOnlyList<string> After);

/// <summary>What a message says about the target group; null where it says nothing.</summary>
public sealed record TargetGroupMention(string? Function, string? Seniority, string? Education, string? Region)
{
    public static readonly TargetGroupMention None = new(null, null, null, null);

    public bool IsEmpty => Function is null && Seniority is null && Education is null && Region is null;

    public TargetGroupQuery ToQuery() => new(Function, Seniority, Education, Region);
}

/// <summary>
/// Finds what a message says about the target group by whole-word phrase matching. Every phrase is normalised and
/// padded once; a profile's synonyms once per profile version (a reloaded profile is a new instance).
/// </summary>
public sealed class TargetGroupExtractor(Lexicon lexicon)
{
    private readonly (string Code, string Padded)[] _seniority = Flatten(lexicon.Seniority);
    private readonly (string Code, string Padded)[] _education = Flatten(lexicon.Education);
    private readonly (string Code, string Padded)[] _regions = Flatten(lexicon.Regions);
    private readonly PhraseLookup<string> _otherFunctions =
        new(lexicon.OtherFunctions.Select(WordsOnly).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Select(p => (p, p)));
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TargetGroupProfile, (string Phrase, string Padded)[]> _synonyms = new();
    private readonly HashSet<string> _askerRoles = [.. lexicon.AskerRoles.Select(WordsOnly)];
    private readonly string[] _cuesBefore = [.. lexicon.RoleCues.Before.Select(WordsOnly).Where(c => c.Length > 0)];
    private readonly string[] _cuesAfter = [.. lexicon.RoleCues.After.Select(WordsOnly).Where(c => c.Length > 0)];
    private readonly string[] _suffixes = [.. lexicon.FunctionSuffixes.Values.SelectMany(s => s).Select(WordsOnly).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    private readonly HashSet<string> _functionWords =
        [.. lexicon.OtherFunctions.Select(WordsOnly).Where(p => p.Length >= MinimumCompoundEnding && !p.Contains(' ', StringComparison.Ordinal))];
    private readonly Dictionary<int, string[]> _functionWordsByLength = lexicon.OtherFunctions.Select(WordsOnly)
        .Where(p => p.Length >= MinimumTypoLength && !p.Contains(' ', StringComparison.Ordinal)).Distinct(StringComparer.Ordinal)
        .GroupBy(p => p.Length).ToDictionary(g => g.Key, g => g.ToArray());
    private readonly HashSet<string> _notFunctions = [.. lexicon.NotFunctionWords.Select(w => WordsOnly(w).Replace(" ", "", StringComparison.Ordinal))];

    public TargetGroupMention Extract(string text, IEnumerable<TargetGroupProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var padded = $" {WordsOnly(text)} ";
        var function = CoveredFunction(padded, profiles);

        // A function we have no report for wins over a generic word ("engineer") inside it, not over a function we
        // cover beside it ("would developers like to become product owners?"); the asker's own role ("benaderd door
        // recruiters") is none.
        if (LongestOtherFunction(padded) is { } other
            && (function is null || (other.Length > function.Length && other.Contains(function, StringComparison.Ordinal))))
        {
            function = other;
        }

        // Any other single word with a function's ending ("communicatiemedewerker", "dentist"), a compound ending in
        // a function we lack ("vrachtwagenchauffeur", "kinderopvangleidster") or such a function one typo away
        // ("electriciens", "politieagneten").
        function ??= padded.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(IsFunctionWord);

        return new TargetGroupMention(function, Find(_seniority, padded), Find(_education, padded), Find(_regions, padded));
    }

    /// <summary>The longest synonym of a profile's function in the text, or null.</summary>
    private string? CoveredFunction(string padded, IEnumerable<TargetGroupProfile> profiles)
    {
        string? function = null;
        foreach (var profile in profiles)
        {
            foreach (var (phrase, paddedPhrase) in _synonyms.GetValue(profile, Synonyms))
            {
                // Longest first: the first hit is this profile's best.
                if (padded.Contains(paddedPhrase, StringComparison.Ordinal))
                {
                    if (function is null || phrase.Length > function.Length)
                    {
                        function = phrase;
                    }

                    break;
                }
            }
        }

        return function;
    }

    /// <summary>The longest function we have no report for in the text that is not the asker's own role, or null.</summary>
    private string? LongestOtherFunction(string padded)
    {
        string? longest = null;
        foreach (var phrase in _otherFunctions.All(padded))
        {
            if ((longest is null || phrase.Length > longest.Length) && !IsAskersRole(phrase, padded))
            {
                longest = phrase;
            }
        }

        return longest;
    }

    private bool IsFunctionWord(string word) =>
        !_notFunctions.Contains(word) && !_askerRoles.Contains(word) && !word.Any(char.IsDigit)
        && (_suffixes.Any(suffix => word.Length >= suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            || EndsInAFunction(word) || IsAFunctionWithATypo(word));

    /// <summary>"vrachtwagenchauffeur", "kinderopvangleidster": a compound whose last part is a function we lack.</summary>
    private bool EndsInAFunction(string word)
    {
        var lookup = _functionWords.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var start = MinimumCompoundStart; start <= word.Length - MinimumCompoundEnding; start++)
        {
            if (lookup.Contains(word.AsSpan(start)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "electriciens", "politieagneten": a long function we lack, one typo away, not in its last letters, where
    /// words differ by inflection ("verhuizen" is no "verhuizer").
    /// </summary>
    private bool IsAFunctionWithATypo(string word)
    {
        if (word.Length < MinimumTypoLength)
        {
            return false;
        }

        for (var length = word.Length - 1; length <= word.Length + 1; length++)
        {
            if (_functionWordsByLength.TryGetValue(length, out var candidates) && candidates.Any(function => EditDistance.AtMostOneInside(word, function)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The shortest function that ends a compound ("chauffeur" in "vrachtwagenchauffeur"); shorter ones end too many
    /// words ("actors" in "contractors").
    /// </summary>
    private const int MinimumCompoundEnding = 7;

    /// <summary>The shortest first part of such a compound.</summary>
    private const int MinimumCompoundStart = 4;

    /// <summary>The shortest word read as a function with a typo: shorter words are one edit from too many others.</summary>
    private const int MinimumTypoLength = 8;

    /// <summary>A role of the asker's, with a cue right before or after it in the text.</summary>
    private bool IsAskersRole(string phrase, string padded)
    {
        if (!_askerRoles.Contains(phrase))
        {
            return false;
        }

        for (var at = padded.IndexOf($" {phrase} ", StringComparison.Ordinal); at >= 0; at = padded.IndexOf($" {phrase} ", at + 1, StringComparison.Ordinal))
        {
            var before = padded[..at];
            var after = padded[(at + phrase.Length + 1)..];
            foreach (var article in new[] { "", " een", " de", " het", " a", " an", " the" })
            {
                var trimmed = article.Length > 0 && before.EndsWith(article, StringComparison.Ordinal) ? before[..^article.Length] : before;
                if (_cuesBefore.Any(c => trimmed.EndsWith(" " + c, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            if (_cuesAfter.Any(c => after.StartsWith(" " + c + " ", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Phrase, string Padded)[] Synonyms(TargetGroupProfile profile) =>
        [.. profile.Selection.FunctionSynonyms.Select(WordsOnly).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).Select(s => (s, $" {s} "))];

    private static string? Find((string Code, string Padded)[] phrases, string padded)
    {
        foreach (var (code, phrase) in phrases)
        {
            if (padded.Contains(phrase, StringComparison.Ordinal))
            {
                return code;
            }
        }

        return null;
    }

    private static (string Code, string Padded)[] Flatten(IReadOnlyDictionary<string, IReadOnlyList<string>> map) =>
        [.. map.SelectMany(kv => kv.Value.Select(p => (kv.Key, WordsOnly(p)))).OrderByDescending(p => p.Item2.Length).Select(p => (p.Key, $" {p.Item2} "))];

    private static string WordsOnly(string text) => ProfileMatcher.Normalize(text);
}

/// <summary>Whether two words are at most one edit apart: a letter added, dropped, changed or two swapped.</summary>
internal static class EditDistance
{
    /// <summary>The letters at the end of a word where an edit is inflection rather than a typo.</summary>
    private const int Ending = 2;

    /// <summary>At most one edit apart, and the same in their last <see cref="Ending"/> letters.</summary>
    public static bool AtMostOneInside(string a, string b) =>
        a.Length > Ending && b.Length > Ending && a.AsSpan(a.Length - Ending).SequenceEqual(b.AsSpan(b.Length - Ending)) && AtMostOne(a, b);

    public static bool AtMostOne(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return a == b;
        }

        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var restA = a.AsSpan(Math.Min(start + 1, a.Length));
        var restB = b.AsSpan(Math.Min(start + 1, b.Length));
        if (a.Length == b.Length)
        {
            // A changed letter, or two neighbours swapped.
            return restA.SequenceEqual(restB)
                || (start + 1 < a.Length && a[start] == b[start + 1] && a[start + 1] == b[start] && a.AsSpan(start + 2).SequenceEqual(b.AsSpan(start + 2)));
        }

        // One letter more in the longer word.
        return a.Length > b.Length ? a.AsSpan(start + 1).SequenceEqual(b.AsSpan(start)) : b.AsSpan(start + 1).SequenceEqual(a.AsSpan(start));
    }
}
