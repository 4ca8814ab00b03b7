using System.Text;

namespace AdvisorBot.Understanding;

/// <summary>
/// Typo tolerance for the classifier: a word it never saw in training ("salris", "senoir", "avrage") gets the known
/// word one edit away (an insertion, deletion, substitution or swap: a symmetric-delete index, so a lookup costs a
/// handful of dictionary probes), appended to the text rather than replacing it, so a correct word the data lacks
/// loses nothing. Short words (under five letters) and numbers are left alone: too many words lie one edit apart there.
/// </summary>
public sealed class SpellingCorrector
{
    private const int MinimumLength = 5;

    private readonly Dictionary<string, int> _frequency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _deletes = new(StringComparer.Ordinal);

    public SpellingCorrector(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            foreach (var word in Words(text))
            {
                _frequency[word] = _frequency.GetValueOrDefault(word) + 1;
            }
        }

        foreach (var word in _frequency.Keys.Where(w => w.Length >= MinimumLength - 1))
        {
            foreach (var variant in DeletesAndSelf(word))
            {
                if (!_deletes.TryGetValue(variant, out var words))
                {
                    words = [];
                    _deletes[variant] = words;
                }

                words.Add(word);
            }
        }
    }

    /// <summary>The normalised text, followed by the correction of each unknown word that has one.</summary>
    public string Expand(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        StringBuilder? extra = null;
        foreach (var word in Words(normalized))
        {
            if (word.Length < MinimumLength || _frequency.ContainsKey(word) || word.Any(char.IsDigit))
            {
                continue;
            }

            if (Correct(word) is { } correction)
            {
                (extra ??= new StringBuilder(normalized)).Append(' ').Append(correction);
            }
        }

        return extra?.ToString() ?? normalized;
    }

    /// <summary>
    /// The known word one edit from <paramref name="word"/>, or null: a dropped letter ("salry") or a swap ("senoir")
    /// before an extra letter, before a wrong letter ("thing" is "things" before it is "think"); then the most frequent.
    /// </summary>
    public string? Correct(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        string? best = null;
        var bestCount = 0;
        var bestCost = int.MaxValue;
        foreach (var variant in DeletesAndSelf(word))
        {
            if (!_deletes.TryGetValue(variant, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                var count = _frequency[candidate];
                if (candidate == word || !OneEditApart(word, candidate))
                {
                    continue;
                }

                var cost = Cost(word, candidate);
                if (cost < bestCost || (cost == bestCost && count > bestCount))
                {
                    (best, bestCount, bestCost) = (candidate, count, cost);
                }
            }
        }

        return best;
    }

    /// <summary>1: the typo dropped a letter or swapped two; 2: it added one; 3: it changed one.</summary>
    private static int Cost(string typo, string candidate) =>
        candidate.Length > typo.Length ? 1
        : candidate.Length < typo.Length ? 2
        : typo.Zip(candidate).Count(p => p.First != p.Second) == 2 ? 1 : 3;

    private static IEnumerable<string> Words(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('.', ',', ':', '?', '!')).Where(w => w.Length > 0);

    private static IEnumerable<string> DeletesAndSelf(string word)
    {
        yield return word;
        for (var i = 0; i < word.Length; i++)
        {
            yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
        }
    }

    /// <summary>Optimal string alignment distance ≤ 1: one insertion, deletion, substitution or swap of neighbours.</summary>
    internal static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            if (i == a.Length)
            {
                return true;
            }

            // A substitution, or a swap of two neighbours.
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i));
    }
}
