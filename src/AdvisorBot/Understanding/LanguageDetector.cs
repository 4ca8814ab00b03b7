namespace AdvisorBot.Understanding;

/// <summary>The language of a text with how sure the detector is (log-likelihood margin per character n-gram).</summary>
public sealed record LanguageGuess(string Language, double Margin);

/// <summary>
/// A naive Bayes detector over character 1–3-grams, trained on the utterances of each language's .lu file:
/// adding a language means adding its .lu file. Below <see cref="MinimumMargin"/> the caller should let the
/// conversation or the activity's locale decide. Scoring allocates nothing per n-gram: one table maps each
/// n-gram to its log-probability in every language, looked up by span.
/// </summary>
public sealed class LanguageDetector
{
    public const double MinimumMargin = 0.08;
    private const int MaxGram = 3;

    private readonly string[] _languages;
    private readonly Dictionary<string, double[]> _logProbabilities;
    private readonly Dictionary<string, double[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly double[] _unseen;
    private readonly Dictionary<string, string> _wordLanguage;

    /// <summary>Intents whose words say nothing about the language of a question ("hallo", "ok", "thanks" travel).</summary>
    private static readonly HashSet<string> SmallTalk = ["Greeting", "Thanks", "Cancel", "SwitchLanguage"];

    public LanguageDetector(IEnumerable<Utterance> utterances)
    {
        var list = utterances as IReadOnlyCollection<Utterance> ?? [.. utterances];
        _wordLanguage = WordsOfOneLanguage(list);
        var counts = GramCounts(list);
        _languages = [.. counts.Keys.Order(StringComparer.Ordinal)];
        var vocabulary = counts.Values.SelectMany(g => g.Keys).ToHashSet(StringComparer.Ordinal);
        var totals = _languages.Select(l => (double)counts[l].Values.Sum() + vocabulary.Count).ToArray();
        _unseen = [.. totals.Select(t => Math.Log(1 / t))];
        _logProbabilities = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var gram in vocabulary)
        {
            _logProbabilities[gram] = [.. _languages.Select((l, i) => Math.Log((counts[l].GetValueOrDefault(gram) + 1) / totals[i]))];
        }

        _lookup = _logProbabilities.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How often each character 1–3-gram occurs in each language's utterances.</summary>
    private static Dictionary<string, Dictionary<string, int>> GramCounts(IEnumerable<Utterance> utterances)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var utterance in utterances)
        {
            if (!counts.TryGetValue(utterance.Language, out var grams))
            {
                grams = new Dictionary<string, int>(StringComparer.Ordinal);
                counts[utterance.Language] = grams;
            }

            var padded = Pad(utterance.Text);
            for (var n = 1; n <= MaxGram; n++)
            {
                for (var i = 0; i + n <= padded.Length; i++)
                {
                    if (n == 1 && padded[i] == ' ')
                    {
                        continue;
                    }

                    var gram = padded.Substring(i, n);
                    grams[gram] = grams.GetValueOrDefault(gram) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Words only one language's questions use, and more than once ("salary", "average"; not a name seen once, not small talk).</summary>
    private static Dictionary<string, string> WordsOfOneLanguage(IEnumerable<Utterance> utterances)
    {
        var words = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var utterance in utterances)
        {
            foreach (var word in TextNormalizer.Normalize(utterance.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var perLanguage = words.TryGetValue(word, out var seen) ? seen : words[word] = new Dictionary<string, int>(StringComparer.Ordinal);
                var key = SmallTalk.Contains(utterance.Intent) ? "" : utterance.Language;
                perLanguage[key] = perLanguage.GetValueOrDefault(key) + 1;
            }
        }

        return words.Where(w => w.Value.Count == 1 && w.Value.Keys.Single().Length > 0 && w.Value.Values.Single() >= 2 && w.Key.Length >= 3 && !w.Key.Any(char.IsDigit))
            .ToDictionary(w => w.Key, w => w.Value.Keys.Single(), StringComparer.Ordinal);
    }

    /// <summary>
    /// For a word or two, where character statistics say little: the language whose data alone uses the words
    /// ("salary?", "average age" are English), or null when no word tells or the words disagree.
    /// </summary>
    public string? LanguageOfWords(string text)
    {
        string? language = null;
        foreach (var word in TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (_wordLanguage.TryGetValue(word.Trim('.', ',', ':', '?', '!'), out var of))
            {
                if (language is not null && language != of)
                {
                    return null;
                }

                language = of;
            }
        }

        return language;
    }

    /// <summary>Whether only <paramref name="language"/>'s questions use this (normalised) word.</summary>
    public bool IsWordOf(string word, string language) =>
        _wordLanguage.TryGetValue(word, out var of) && string.Equals(of, language, StringComparison.Ordinal);

    public IReadOnlyCollection<string> Languages => _languages;

    public LanguageGuess Detect(string text)
    {
        var padded = Pad(text).AsSpan();
        Span<double> scores = stackalloc double[_languages.Length];
        var count = 0;
        for (var n = 1; n <= MaxGram; n++)
        {
            for (var i = 0; i + n <= padded.Length; i++)
            {
                if (n == 1 && padded[i] == ' ')
                {
                    continue;
                }

                count++;
                var known = _lookup.TryGetValue(padded.Slice(i, n), out var p) ? p : _unseen;
                for (var l = 0; l < scores.Length; l++)
                {
                    scores[l] += known[l];
                }
            }
        }

        if (count == 0 || _languages.Length == 0)
        {
            return new LanguageGuess(_languages.FirstOrDefault() ?? "en", 0);
        }

        int best = 0, second = -1;
        for (var l = 1; l < scores.Length; l++)
        {
            if (scores[l] > scores[best]) { second = best; best = l; }
            else if (second < 0 || scores[l] > scores[second]) { second = l; }
        }

        var margin = second < 0 ? double.MaxValue : (scores[best] - scores[second]) / count;
        return new LanguageGuess(_languages[best], margin);
    }

    private static string Pad(string text) => " " + TextNormalizer.Normalize(text) + " ";
}
