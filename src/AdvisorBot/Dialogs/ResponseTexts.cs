using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdvisorBot.Knowledge;

namespace AdvisorBot.Dialogs;

/// <summary>The texts of one intent in one language: a title, lines keyed by name, and suggested next questions.</summary>
public sealed record IntentTexts(string Title, IReadOnlyDictionary<string, string> Lines, IReadOnlyList<string> Suggestions)
{
    public string Line(string key) => Lines.TryGetValue(key, out var line) ? line
        : throw new KeyNotFoundException($"Response line '{key}' is missing.");
}

/// <summary>
/// Everything the bot says in one language, from dialogs/responses/{language}.json: common lines, unit formats and
/// per-intent texts. Adding a language is adding a file (and a .lu file).
/// </summary>
public sealed partial class ResponseTexts
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private ResponseTexts(string language, CultureInfo culture, string name, IReadOnlyDictionary<string, string> units,
        IReadOnlyDictionary<string, string> common, IReadOnlyDictionary<string, IntentTexts> intents)
    {
        Language = language;
        Culture = culture;
        Name = name;
        Units = units;
        Common = common;
        Intents = intents;
    }

    public string Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>The language's own name ("Nederlands", "English").</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, string> Units { get; }

    public IReadOnlyDictionary<string, string> Common { get; }

    public IReadOnlyDictionary<string, IntentTexts> Intents { get; }

    public IntentTexts For(string intent) => Intents.TryGetValue(intent, out var texts) ? texts
        : throw new KeyNotFoundException($"responses/{Language}.json has no texts for intent '{intent}'.");

    public string Line(string key) => Common.TryGetValue(key, out var line) ? line
        : throw new KeyNotFoundException($"responses/{Language}.json has no common line '{key}'.");

    public static IReadOnlyDictionary<string, ResponseTexts> LoadFolder(string folder)
    {
        var all = new Dictionary<string, ResponseTexts>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = JsonSerializer.Deserialize<ResponseFile>(File.ReadAllText(path), Options)
                ?? throw new FormatException($"{Path.GetFileName(path)}: empty response file");
            var intents = file.Intents.ToDictionary(
                kv => kv.Key,
                kv => new IntentTexts(kv.Value.Title, kv.Value.Lines ?? new Dictionary<string, string>(), kv.Value.Suggestions ?? []),
                StringComparer.Ordinal);
            all[file.Language] = new ResponseTexts(file.Language, CultureInfo.GetCultureInfo(file.Culture), file.Name, file.Units, file.Common, intents);
        }

        return all;
    }

    /// <summary>Fills <c>{name}</c> placeholders; a placeholder without a value is an error, never literal output.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value
            : throw new KeyNotFoundException($"No value for placeholder '{{{m.Groups[1].Value}}}' in \"{template}\"."));
    }

    /// <summary>The placeholder names a template uses (for the data tests).</summary>
    public static IEnumerable<string> PlaceholdersOf(string template) => Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    public string Number(decimal value, int maxDecimals = 1)
    {
        var format = maxDecimals <= 0 ? "#,##0" : "#,##0." + new string('#', maxDecimals);
        return value.ToString(format, Culture);
    }

    /// <summary>A figure in this language with its unit: "90.000", "60,6%", "€ 47.000 per jaar", "5 : 1".</summary>
    public string Format(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var unitKey = figure.Unit switch
        {
            FigureUnit.Count => "count",
            FigureUnit.Percent => "percent",
            FigureUnit.PercentChange => "percent-change",
            FigureUnit.EurPerYear => "eur-per-year",
            FigureUnit.HoursPerWeek => "hours-per-week",
            FigureUnit.MinutesOneWay => "minutes-one-way",
            FigureUnit.Years => "years",
            FigureUnit.VacanciesPerActiveJobSeeker => "vacancies-per-active-jobseeker",
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure.Unit, null),
        };
        var number = Number(figure.Value);
        if (figure.Unit == FigureUnit.PercentChange && figure.Value > 0)
        {
            number = "+" + number;
        }

        return Units[unitKey].Replace("{0}", number, StringComparison.Ordinal);
    }

    public string Percent(decimal value) => Units["percent"].Replace("{0}", Number(value), StringComparison.Ordinal);

    public string Money(decimal value) => Units["eur"].Replace("{0}", Number(value, 0), StringComparison.Ordinal);

    /// <summary>"A, B en C" / "A, B and C".</summary>
    public string JoinList(IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count <= 1)
        {
            return list.FirstOrDefault() ?? "";
        }

        var builder = new StringBuilder(string.Join(", ", list.Take(list.Count - 1)));
        builder.Append(' ').Append(Line("and")).Append(' ').Append(list[^1]);
        return builder.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex Placeholder();

    private sealed record ResponseFile(
        string Language,
        string Culture,
        string Name,
        Dictionary<string, string> Units,
        Dictionary<string, string> Common,
        Dictionary<string, IntentFile> Intents);

    private sealed record IntentFile(string Title, Dictionary<string, string>? Lines, List<string>? Suggestions);
}
