using AdvisorBot.Understanding;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>
/// The answer language: the question's when the text makes it clear; for a word or two ("hallo", "ok") the
/// conversation's, then the locale's, since a couple of words do not tell Dutch from English.
/// </summary>
public sealed class LanguageChooser(LanguageDetector detector, IReadOnlyDictionary<string, ResponseTexts> texts, IOptions<DialogOptions> options)
{
    /// <summary>Up to this many words without a function word of either language are jargon ("cost per hire?").</summary>
    private const int JargonWords = 4;

    private readonly DialogOptions _options = options.Value;

    private readonly Dictionary<string, HashSet<string>> _functionWords = texts.Values.ToDictionary(
        t => t.Language,
        t => t.Line("functionWords").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
        StringComparer.Ordinal);

    public IReadOnlyCollection<string> Languages => [.. texts.Keys];

    public string DefaultLanguage => _options.DefaultLanguage;

    public string Choose(string text, string? locale, ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var known = state.Language ?? OfLocale(locale);
        var marked = MarkedLanguage(text, out var functionWords);
        if (known is not null && marked == known)
        {
            // "wat is de response rate op inmails": Dutch words around English jargon stay Dutch.
            return known;
        }

        if (state.Language is not null && words <= JargonWords && functionWords == 0)
        {
            // "cost per hire?" in a Dutch conversation: jargon, not a change of language.
            return state.Language;
        }

        var guess = detector.Detect(text);
        if ((words >= _options.MinimumWordsToDetectLanguage || known is null)
            && guess.Margin >= LanguageDetector.MinimumMargin && texts.ContainsKey(guess.Language))
        {
            return guess.Language;
        }

        // "salary?" from a Dutch Teams client: the words themselves are English.
        if (detector.LanguageOfWords(text) is { } byWords && texts.ContainsKey(byWords))
        {
            return byWords;
        }

        return known ?? _options.DefaultLanguage;
    }

    /// <summary>
    /// The language with the most marks in the text (its function words, dialogs/responses "functionWords", and
    /// words only its questions use), or null on a tie; <paramref name="functionWords"/> counts the function words.
    /// </summary>
    private string? MarkedLanguage(string text, out int functionWords)
    {
        functionWords = 0;
        string? best = null;
        int bestMarks = 0, secondMarks = 0;
        var tokens = TextNormalizer.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ':', '?', '!', '"', '\'')).ToList();
        foreach (var (language, words) in _functionWords)
        {
            var function = tokens.Count(words.Contains);
            var marks = function + tokens.Count(t => detector.IsWordOf(t, language));
            functionWords += function;
            if (marks > bestMarks) { secondMarks = bestMarks; bestMarks = marks; best = language; }
            else if (marks > secondMarks) { secondMarks = marks; }
        }

        return bestMarks > secondMarks ? best : null;
    }

    /// <summary>The language of a button or event turn: the conversation's, the locale's, or the default.</summary>
    public string ForAction(string? requested, string? locale, ConversationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return requested is not null && texts.ContainsKey(requested) ? requested : state.Language ?? OfLocale(locale) ?? _options.DefaultLanguage;
    }

    /// <summary>A locale's language when the bot speaks it ("en-US" → "en").</summary>
    public string? OfLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Split('-', '_')[0].ToLowerInvariant();
        return texts.ContainsKey(language) ? language : null;
    }

    /// <summary>"And in English?": the language the text names, else the next one.</summary>
    public string Target(string text, string current)
    {
        var normalized = $" {TextNormalizer.Normalize(text)} ";
        foreach (var languageTexts in texts.Values)
        {
            if (languageTexts.Line("languageWords").Split(',').Any(w => normalized.Contains($" {w.Trim()} ", StringComparison.Ordinal)))
            {
                return languageTexts.Language;
            }
        }

        var all = texts.Keys.Order(StringComparer.Ordinal).ToList();
        return all[(all.IndexOf(current) + 1) % all.Count];
    }
}
