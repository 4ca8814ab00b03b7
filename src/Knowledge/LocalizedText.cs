using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdvisorBot.Knowledge;

/// <summary>A text in several languages, keyed by two-letter language code ("nl", "en").</summary>
[JsonConverter(typeof(LocalizedTextConverter))]
public sealed class LocalizedText
{
    /// <summary>The language used when a text lacks the one asked for.</summary>
    public const string FallbackLanguage = "en";

    private readonly Dictionary<string, string> _texts;

    public LocalizedText(IReadOnlyDictionary<string, string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _texts = new Dictionary<string, string>(texts, StringComparer.OrdinalIgnoreCase);
    }

    public static LocalizedText Of(string nl, string en) => new(new Dictionary<string, string> { ["nl"] = nl, ["en"] = en });

    public IEnumerable<string> Languages => _texts.Keys;

    public string this[string language] => Get(language);

    public string Get(string language) =>
        _texts.TryGetValue(language, out var text) ? text
        : _texts.TryGetValue(FallbackLanguage, out var fallback) ? fallback
        : _texts.Values.First();

    public bool Has(string language) => _texts.ContainsKey(language);

    public override string ToString() => Get(FallbackLanguage);

    internal IReadOnlyDictionary<string, string> Texts => _texts;
}

/// <summary>Reads and writes a <see cref="LocalizedText"/> as a JSON object of language codes to strings.</summary>
internal sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var texts = JsonSerializer.Deserialize(ref reader, ProfileJsonContext.Default.DictionaryStringString)
            ?? throw new JsonException("A localized text must be an object of language codes to strings.");
        return new LocalizedText(texts);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new Dictionary<string, string>(value.Texts), ProfileJsonContext.Default.DictionaryStringString);
}
