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
    private readonly (string Phrase, string Padded)[] _otherFunctions =
        [.. lexicon.OtherFunctions.Select(WordsOnly).Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).Select(p => (p, $" {p} "))];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TargetGroupProfile, (string Phrase, string Padded)[]> _synonyms = new();
    private readonly HashSet<string> _askerRoles = [.. lexicon.AskerRoles.Select(WordsOnly)];
    private readonly string[] _cuesBefore = [.. lexicon.RoleCues.Before.Select(WordsOnly).Where(c => c.Length > 0)];
    private readonly string[] _cuesAfter = [.. lexicon.RoleCues.After.Select(WordsOnly).Where(c => c.Length > 0)];
    private readonly string[] _suffixes = [.. lexicon.FunctionSuffixes.Values.SelectMany(s => s).Select(WordsOnly).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    private readonly HashSet<string> _notFunctions = [.. lexicon.NotFunctionWords.Select(w => WordsOnly(w).Replace(" ", "", StringComparison.Ordinal))];

    public TargetGroupMention Extract(string text, IEnumerable<TargetGroupProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var padded = $" {WordsOnly(text)} ";
        var function = CoveredFunction(padded, profiles);

        // A function we have no report for wins over a generic word ("engineer") inside it; the asker's own role
        // ("benaderd door recruiters") is none.
        foreach (var (phrase, paddedPhrase) in _otherFunctions)
        {
            if (padded.Contains(paddedPhrase, StringComparison.Ordinal) && !IsAskersRole(phrase, padded))
            {
                if (function is null || phrase.Length > function.Length)
                {
                    function = phrase;
                }

                break;
            }
        }

        // Any other single word with a function's ending ("communicatiemedewerker", "dentist").
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

    private bool IsFunctionWord(string word) =>
        !_notFunctions.Contains(word) && !_askerRoles.Contains(word) && !word.Any(char.IsDigit)
        && _suffixes.Any(suffix => word.Length >= suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal));

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
