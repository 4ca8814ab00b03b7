namespace AdvisorBot.Understanding;

/// <summary>
/// A list of phrases (data, any language), matched as whole words in normalised text: every run of up to the
/// longest phrase's words is looked up whole, in the words as written and split at dots ("tweakers" in
/// "tweakers.net"). Dictionary lookups, no regular expression: the cost grows with the text, not with the number
/// of phrases, and there is no match time-out to hit on a busy machine.
/// </summary>
public sealed class PhraseMatcher
{
    private static readonly char[] Trim = ['.', ',', ':'];

    private readonly HashSet<string> _phrases;
    private readonly int _maxWords;

    public PhraseMatcher(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        _phrases = [.. phrases.Select(p => string.Join(' ', Words(TextNormalizer.Normalize(p), splitDots: false))).Where(p => p.Length > 0)];
        _maxWords = _phrases.Select(p => p.Count(c => c == ' ') + 1).DefaultIfEmpty(0).Max();
    }

    /// <summary>The phrases of every language under each of <paramref name="properties"/> of a data file: <c>{ "property": { "nl": [...], "en": [...] } }</c>.</summary>
    public static PhraseMatcher Load(string path, params string[] properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        return new PhraseMatcher([.. properties.SelectMany(property => document.RootElement.GetProperty(property).EnumerateObject()
            .SelectMany(l => l.Value.EnumerateArray().Select(p => p.GetString()!)))]);
    }

    /// <summary>True when the text holds one of the phrases.</summary>
    public bool Matches(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_phrases.Count == 0)
        {
            return false;
        }

        var normalized = TextNormalizer.Normalize(text);
        return Holds(Words(normalized, splitDots: false)) || (normalized.Contains('.', StringComparison.Ordinal) && Holds(Words(normalized, splitDots: true)));
    }

    private bool Holds(string[] words)
    {
        for (var start = 0; start < words.Length; start++)
        {
            for (var count = 1; count <= _maxWords && start + count <= words.Length; count++)
            {
                if (_phrases.Contains(string.Join(' ', words, start, count)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The words of normalised text, without the punctuation the normaliser keeps at their ends.</summary>
    public static string[] Words(string normalized, bool splitDots)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return [.. normalized.Split(splitDots ? [' ', '.'] : [' '], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(Trim)).Where(w => w.Length > 0)];
    }
}
