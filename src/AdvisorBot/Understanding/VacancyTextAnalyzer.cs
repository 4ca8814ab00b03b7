using System.Text.Json;
using System.Text.RegularExpressions;

namespace AdvisorBot.Understanding;

/// <summary>What a vacancy text says, by the keys the profiles use.</summary>
public sealed record VacancyTextFindings(
    IReadOnlySet<string> WantToKnowCovered,
    IReadOnlySet<string> PullFactorsMentioned,
    IReadOnlySet<string> ConditionsMentioned,
    SalaryOffer? Salary,
    decimal? HoursPerWeek);

/// <summary>
/// Reads a pasted vacancy text against the nine things candidates want to know, the pull factors and the employment
/// conditions, with the words in <c>dialogs/vacancy-check.json</c> (data: a new phrasing is a new word there), and the
/// salary and hours with the recognizers.
/// </summary>
public sealed class VacancyTextAnalyzer
{
    private readonly Regex _requestGate;

    private readonly Dictionary<string, LanguageRules> _languages;
    private readonly int _minimumLength;
    private readonly int _minimumItems;
    private readonly QuantityRecognizer _quantities;

    private sealed record LanguageRules(Regex[] Requests, Regex Signals, Dictionary<string, Regex> WantToKnow, Dictionary<string, Regex> PullFactors, Dictionary<string, Regex> Conditions);

    public VacancyTextAnalyzer(string path, QuantityRecognizer quantities)
    {
        _quantities = quantities;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        _minimumLength = root.GetProperty("minimumLength").GetInt32();
        _minimumItems = root.GetProperty("minimumItems").GetInt32();
        _languages = [];
        _requestGate = Gate(root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(p => p.Value.GetProperty("requestPhrases").EnumerateArray().Select(w => w.GetString()!)));
        foreach (var language in root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            var rules = language.Value;
            _languages[language.Name] = new LanguageRules(
                [.. rules.GetProperty("requestPhrases").EnumerateArray().Select(p => WordStart([p.GetString()!]))],
                WordStart(rules.GetProperty("signals").EnumerateArray().Select(p => p.GetString()!)),
                Groups(rules.GetProperty("wantToKnow")),
                Groups(rules.GetProperty("pullFactors")),
                Groups(rules.GetProperty("employmentConditions")));
        }
    }

    public IReadOnlyCollection<string> Languages => _languages.Keys;

    private static Dictionary<string, Regex> Groups(JsonElement groups) => groups.EnumerateObject()
        .ToDictionary(g => g.Name, g => WordStart(g.Value.EnumerateArray().Select(w => w.GetString()!)), StringComparer.Ordinal);

    /// <summary>
    /// A cheap pre-check on the raw text: the longest word of each phrase, case-insensitive. A message that matches a
    /// phrase after normalising holds that word, so a message without any of them needs no normalising at all.
    /// </summary>
    public static Regex Gate(IEnumerable<string> phrases) => new(
        string.Join("|", phrases.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).MaxBy(w => w.Length)!).Distinct().Select(Regex.Escape)),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, LiteralsTimeout);

    /// <summary>
    /// No match time-out: these patterns are alternations of escaped literals (behind one fixed look-behind), which
    /// cannot backtrack beyond the text times the alternatives; a wall-clock time-out only ever fired when the test
    /// suite starved the CPU (a 200 ms time-out failed a vacancy check in a loaded CI run).
    /// </summary>
    private static readonly TimeSpan LiteralsTimeout = Regex.InfiniteMatchTimeout;

    /// <summary>One regex per group: any of its words, starting at a word boundary, in normalised text.</summary>
    private static Regex WordStart(IEnumerable<string> words)
    {
        var alternatives = words.Select(TextNormalizer.Normalize).Where(w => w.Length > 0).Distinct().OrderByDescending(w => w.Length).Select(Regex.Escape);
        return new Regex($"(?<![a-z0-9]){string.Join("|", alternatives.Select(a => $"(?:{a})"))}", RegexOptions.CultureInvariant | RegexOptions.Compiled, LiteralsTimeout);
    }

    /// <summary>True when the message is a vacancy text to check: long enough, and answering some of the nine questions or using a vacancy's words.</summary>
    public bool IsVacancyText(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < _minimumLength || !_languages.TryGetValue(language, out var rules))
        {
            return false;
        }

        var normalized = TextNormalizer.Normalize(text);
        return rules.Signals.IsMatch(normalized) || rules.WantToKnow.Values.Count(r => r.IsMatch(normalized)) >= _minimumItems;
    }

    /// <summary>True when the user asks for the check without giving a text ("kun je mijn vacaturetekst checken?").</summary>
    public bool IsCheckRequest(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_requestGate.IsMatch(text))
        {
            return false; // no request phrase's key word in the message: most messages stop here
        }

        var normalized = TextNormalizer.Normalize(text);
        return _languages.Values.Any(rules => rules.Requests.Any(r => r.IsMatch(normalized)));
    }

    public VacancyTextFindings Analyze(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = _languages.GetValueOrDefault(language) ?? _languages.Values.First();
        var normalized = TextNormalizer.Normalize(text);
        HashSet<string> Hits(Dictionary<string, Regex> groups) => [.. groups.Where(g => g.Value.IsMatch(normalized)).Select(g => g.Key)];
        var salary = QuantityRecognizer.MightHoldQuantity(text) ? _quantities.ReadSalary(text, language) : null;
        if (salary is { Amount: < 1000 } or { Period: SalaryPeriod.Hour })
        {
            salary = null; // "3 jaar ervaring", "36 uur": numbers that are no salary
        }

        var covered = Hits(rules.WantToKnow);
        var hours = _quantities.ReadHoursPerWeek(text);
        if (hours is not null)
        {
            covered.Add("hours");
        }

        if (salary is not null)
        {
            covered.Add("salary");
        }

        return new VacancyTextFindings(covered, Hits(rules.PullFactors), Hits(rules.Conditions), salary, hours);
    }
}
