using System.Text.RegularExpressions;

namespace AdvisorBot.Understanding;

/// <summary>A list of phrases (data, any language), matched as whole words in normalised text; the longest first.</summary>
public sealed class PhraseMatcher
{
    private readonly Regex? _pattern;

    public PhraseMatcher(IEnumerable<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var escaped = phrases.Select(TextNormalizer.Normalize).Where(p => p.Length > 0).Distinct().OrderByDescending(p => p.Length).Select(Regex.Escape).ToList();
        _pattern = escaped.Count == 0 ? null
            : new Regex($"(?<![a-z0-9])(?:{string.Join("|", escaped)})(?![a-z0-9])", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200));
    }

    /// <summary>The phrases of every language under <paramref name="property"/> of a data file: <c>{ "property": { "nl": [...], "en": [...] } }</c>.</summary>
    public static PhraseMatcher Load(string path, string property)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        return new PhraseMatcher([.. document.RootElement.GetProperty(property).EnumerateObject()
            .SelectMany(l => l.Value.EnumerateArray().Select(p => p.GetString()!))]);
    }

    /// <summary>True when the text holds one of the phrases.</summary>
    public bool Matches(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _pattern is not null && _pattern.IsMatch(TextNormalizer.Normalize(text));
    }
}
