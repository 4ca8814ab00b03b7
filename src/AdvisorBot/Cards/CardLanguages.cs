namespace AdvisorBot.Cards;

/// <summary>The few words of a card that are not part of its answer, in one language.</summary>
/// <param name="Code">"nl", "en".</param>
/// <param name="Name">The language's own name, on the language switch ("Nederlands", "English").</param>
/// <param name="Culture">How its numbers are written (the chart images).</param>
/// <param name="AdviceHeading">The heading above the report's advice.</param>
/// <param name="ChartAltText">A chart's text alternative, with <c>{title}</c> and <c>{points}</c>.</param>
public sealed record CardLanguage(string Code, string Name, System.Globalization.CultureInfo Culture, string AdviceHeading, string ChartAltText,
    string ShowFigures = "Show figures")
{
    public string AltText(ChartView chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var points = string.Join(", ", chart.Points.Select(p => $"{p.Label} {p.FormattedValue}"));
        return ChartAltText.Replace("{title}", chart.Title, StringComparison.Ordinal).Replace("{points}", points, StringComparison.Ordinal);
    }
}

/// <summary>Every language cards are made in; the composition root fills it from the dialogs' response texts.</summary>
public sealed class CardLanguages
{
    private readonly Dictionary<string, CardLanguage> _languages;

    public CardLanguages(IEnumerable<CardLanguage> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        _languages = languages.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);
    }

    public CardLanguage this[string code] => _languages.TryGetValue(code, out var language) ? language
        : throw new KeyNotFoundException($"No card texts for language '{code}'.");

    public CardLanguage? Find(string code) => _languages.GetValueOrDefault(code);

    /// <summary>All languages, in a stable order.</summary>
    public IEnumerable<CardLanguage> All => _languages.Values.OrderBy(l => l.Code, StringComparer.Ordinal);
}

/// <summary>Where the templates are and how clients reach the chart images (section <c>AdvisorBot</c>).</summary>
public sealed class CardOptions
{
    public const string Section = "AdvisorBot";

    /// <summary>The folder of Adaptive Card templates (absolute once the host has resolved it).</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string CardsPath { get; set; } = "cards";

    /// <summary>
    /// The service's address as clients reach it; chart image and plan URLs in cards are built from it. Empty (the
    /// default): the address the request came to (behind a proxy: its X-Forwarded-* headers, when trusted).
    /// </summary>
    [System.ComponentModel.DataAnnotations.RegularExpression(@"^(https?://\S+)?$", ErrorMessage = "AdvisorBot:PublicBaseUrl must be an absolute http(s) URL, or empty to use the request's address.")]
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Where clients reach the service now: the configured public address, else the one the current request came to.</summary>
public interface IPublicBaseUrl
{
    /// <summary>An absolute URL without a trailing slash.</summary>
    string Current { get; }
}
