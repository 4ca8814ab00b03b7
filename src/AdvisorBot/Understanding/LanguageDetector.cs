namespace AdvisorBot.Understanding;

/// <summary>The language of a text with how sure the detector is (log-likelihood margin per character n-gram).</summary>
public sealed record LanguageGuess(string Language, double Margin);

/// <summary>
/// A naive Bayes detector over character 1–3-grams, trained on the utterances of each language's .lu file:
/// adding a language means adding its .lu file. Below <see cref="MinimumMargin"/> the caller should let the
/// activity's locale decide.
/// </summary>
public sealed class LanguageDetector
{
    public const double MinimumMargin = 0.08;

    private readonly Dictionary<string, Dictionary<string, double>> _logProbabilities;
    private readonly Dictionary<string, double> _unseen;

    public LanguageDetector(IEnumerable<Utterance> utterances)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var utterance in utterances)
        {
            if (!counts.TryGetValue(utterance.Language, out var grams))
            {
                grams = new Dictionary<string, int>(StringComparer.Ordinal);
                counts[utterance.Language] = grams;
            }

            foreach (var gram in Grams(utterance.Text))
            {
                grams[gram] = grams.GetValueOrDefault(gram) + 1;
            }
        }

        var vocabulary = counts.Values.SelectMany(g => g.Keys).Distinct(StringComparer.Ordinal).Count();
        _logProbabilities = [];
        _unseen = [];
        foreach (var (language, grams) in counts)
        {
            double total = grams.Values.Sum() + vocabulary;
            _logProbabilities[language] = grams.ToDictionary(kv => kv.Key, kv => Math.Log((kv.Value + 1) / total), StringComparer.Ordinal);
            _unseen[language] = Math.Log(1 / total);
        }
    }

    public IReadOnlyCollection<string> Languages => _logProbabilities.Keys;

    public LanguageGuess Detect(string text)
    {
        var grams = Grams(text).ToList();
        if (grams.Count == 0 || _logProbabilities.Count == 0)
        {
            return new LanguageGuess(_logProbabilities.Keys.FirstOrDefault() ?? "en", 0);
        }

        var scores = _logProbabilities.Select(kv =>
            (Language: kv.Key, Score: grams.Sum(g => kv.Value.TryGetValue(g, out var p) ? p : _unseen[kv.Key]) / grams.Count))
            .OrderByDescending(s => s.Score)
            .ToList();
        var margin = scores.Count > 1 ? scores[0].Score - scores[1].Score : double.MaxValue;
        return new LanguageGuess(scores[0].Language, margin);
    }

    private static IEnumerable<string> Grams(string text)
    {
        var normalized = " " + TextNormalizer.Normalize(text) + " ";
        for (var n = 1; n <= 3; n++)
        {
            for (var i = 0; i + n <= normalized.Length; i++)
            {
                var gram = normalized.Substring(i, n);
                if (n == 1 && gram == " ")
                {
                    continue;
                }

                yield return gram;
            }
        }
    }
}
