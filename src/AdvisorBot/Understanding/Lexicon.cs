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

public sealed class TargetGroupExtractor(Lexicon lexicon)
{
    private readonly (string Code, string Phrase)[] _seniority = Flatten(lexicon.Seniority);
    private readonly (string Code, string Phrase)[] _education = Flatten(lexicon.Education);
    private readonly (string Code, string Phrase)[] _regions = Flatten(lexicon.Regions);
    private readonly string[] _otherFunctions = [.. lexicon.OtherFunctions.Select(TextNormalizer.Normalize).OrderByDescending(p => p.Length)];

    public TargetGroupMention Extract(string text, IEnumerable<TargetGroupProfile> profiles)
    {
        var padded = $" {WordsOnly(text)} ";
        string? function = null;
        foreach (var profile in profiles)
        {
            var synonym = profile.Selection.FunctionSynonyms
                .Select(WordsOnly)
                .Where(s => padded.Contains($" {s} ", StringComparison.Ordinal))
                .OrderByDescending(s => s.Length)
                .FirstOrDefault();
            if (synonym is not null && (function is null || synonym.Length > function.Length))
            {
                function = synonym;
            }
        }

        // A function we have no report for wins over a generic word ("engineer") inside it.
        var other = _otherFunctions.FirstOrDefault(f => padded.Contains($" {WordsOnly(f)} ", StringComparison.Ordinal));
        if (other is not null && (function is null || other.Length > function.Length))
        {
            function = other;
        }

        return new TargetGroupMention(function, Find(_seniority, padded), Find(_education, padded), Find(_regions, padded));
    }

    private static string? Find((string Code, string Phrase)[] phrases, string padded) =>
        phrases.FirstOrDefault(p => padded.Contains($" {p.Phrase} ", StringComparison.Ordinal)).Code;

    private static (string Code, string Phrase)[] Flatten(IReadOnlyDictionary<string, IReadOnlyList<string>> map) =>
        [.. map.SelectMany(kv => kv.Value.Select(p => (kv.Key, WordsOnly(p)))).OrderByDescending(p => p.Item2.Length)];

    private static string WordsOnly(string text) => ProfileMatcher.Normalize(text);
}
