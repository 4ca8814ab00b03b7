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
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Lexicon Load(string path) =>
        JsonSerializer.Deserialize<Lexicon>(File.ReadAllText(path), Options)
        ?? throw new FormatException($"{Path.GetFileName(path)}: empty lexicon");
}

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

    public TargetGroupMention Extract(string text, IEnumerable<TargetGroupProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var padded = $" {WordsOnly(text)} ";
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

        // A function we have no report for wins over a generic word ("engineer") inside it.
        foreach (var (phrase, paddedPhrase) in _otherFunctions)
        {
            if (padded.Contains(paddedPhrase, StringComparison.Ordinal))
            {
                if (function is null || phrase.Length > function.Length)
                {
                    function = phrase;
                }

                break;
            }
        }

        return new TargetGroupMention(function, Find(_seniority, padded), Find(_education, padded), Find(_regions, padded));
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
