namespace AdvisorBot.Understanding;

/// <summary>
/// Phrases (data, any language) matched as whole words in normalised text, each with a value (a topic, a rank):
/// phrases are kept as word arrays under their first word, so a text is split once and each of its words is one
/// dictionary probe, plus a word-by-word comparison where a phrase starts there. Words are tried as written and
/// split at dots ("tweakers" in "tweakers.net"). No regular expression: nothing to time out on a busy machine, and no
/// allocation per phrase or per word run.
/// </summary>
public sealed class PhraseLookup<T>
{
    private static readonly char[] Trim = ['.', ',', ':'];

    private readonly Dictionary<string, List<(string[] Words, T Value)>> _byFirstWord = new(StringComparer.Ordinal);

    public PhraseLookup(IEnumerable<(string Phrase, T Value)> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (phrase, value) in phrases)
        {
            var words = Words(TextNormalizer.Normalize(phrase), splitDots: false);
            if (words.Length == 0 || !seen.Add(string.Join(' ', words)))
            {
                continue; // the first phrase with these words keeps its value
            }

            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                list = [];
                _byFirstWord[words[0]] = list;
            }

            list.Add((words, value));
        }
    }

    public bool IsEmpty => _byFirstWord.Count == 0;

    /// <summary>Every value whose phrase the (not yet normalised) text holds, in the order the phrases occur.</summary>
    public IEnumerable<T> All(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsEmpty)
        {
            yield break;
        }

        var normalized = TextNormalizer.Normalize(text);
        foreach (var value in In(Words(normalized, splitDots: false)))
        {
            yield return value;
        }

        if (normalized.Contains('.', StringComparison.Ordinal))
        {
            foreach (var value in In(Words(normalized, splitDots: true)))
            {
                yield return value;
            }
        }
    }

    private IEnumerable<T> In(string[] words)
    {
        for (var start = 0; start < words.Length; start++)
        {
            if (!_byFirstWord.TryGetValue(words[start], out var candidates))
            {
                continue;
            }

            foreach (var (phrase, value) in candidates)
            {
                if (start + phrase.Length <= words.Length && phrase.AsSpan().SequenceEqual(words.AsSpan(start, phrase.Length)))
                {
                    yield return value;
                }
            }
        }
    }

    /// <summary>The words of normalised text, without the punctuation the normaliser keeps at their ends.</summary>
    public static string[] Words(string normalized, bool splitDots)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var parts = normalized.Split(splitDots ? [' ', '.'] : [' '], StringSplitOptions.RemoveEmptyEntries);
        var count = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var word = parts[i].Trim(Trim);
            if (word.Length > 0)
            {
                parts[count++] = word;
            }
        }

        return count == parts.Length ? parts : parts[..count];
    }
}

/// <summary>A list of phrases (data, any language), matched as whole words in normalised text (<see cref="PhraseLookup{T}"/>).</summary>
public sealed class PhraseMatcher
{
    private readonly PhraseLookup<int> _lookup;

    public PhraseMatcher(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        _lookup = new PhraseLookup<int>(phrases.Select(p => (p, Words(TextNormalizer.Normalize(p), splitDots: false).Length)));
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
    public bool Matches(string text) => _lookup.All(text).Any();

    /// <summary>
    /// How many of the text's words lie outside the longest phrase it holds, or null when it holds none: "leg eens uit"
    /// is all phrase (0), "mijn wachtwoord is verlopen, wat nu" has four words beside "wat nu".
    /// </summary>
    public int? WordsOutside(string text)
    {
        var longest = _lookup.All(text).DefaultIfEmpty(-1).Max();
        return longest < 0 ? null : Math.Max(0, Words(TextNormalizer.Normalize(text), splitDots: false).Length - longest);
    }

    /// <summary>The words of normalised text, without the punctuation the normaliser keeps at their ends.</summary>
    public static string[] Words(string normalized, bool splitDots) => PhraseLookup<int>.Words(normalized, splitDots);
}
