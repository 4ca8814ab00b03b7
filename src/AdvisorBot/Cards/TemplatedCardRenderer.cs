using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Cards;

public interface ICardRenderer
{
    /// <summary>The Adaptive Card (schema 1.5) for an answer.</summary>
    JsonObject Render(AnswerView answer);
}

/// <summary>
/// Renders answers with the Adaptive Card templates in cards/: <c>{Kind}.json</c> when there is one for the answer's
/// kind, otherwise <c>Topic.json</c> for answers with figures and <c>Message.json</c> for the rest. The template data
/// is <see cref="CardData"/>; texts come formatted in the answer's language.
/// </summary>
public sealed class TemplatedCardRenderer : ICardRenderer
{
    public const string SchemaVersion = "1.5";
    public static readonly string TopicTemplate = CardKind.Topic.Name;
    public static readonly string MessageTemplate = CardKind.Message.Name;

    private readonly IReadOnlyDictionary<string, TemplateExpander.CompiledTemplate> _templates;
    private readonly CardLanguages _languages;
    private readonly IPublicBaseUrl _publicBaseUrl;

    public TemplatedCardRenderer(CardLanguages languages, IOptions<CardOptions> options, IPublicBaseUrl publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(options);
        _languages = languages;
        _templates = LoadTemplates(options.Value.CardsPath)
            .ToDictionary(kv => kv.Key, kv => Compile(kv.Key, kv.Value), StringComparer.Ordinal);
        _publicBaseUrl = publicBaseUrl;
    }

    public IReadOnlyCollection<string> TemplateNames => [.. _templates.Keys];

    public static IReadOnlyDictionary<string, JsonObject> LoadTemplates(string folder)
    {
        var templates = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Where(p => !p.EndsWith(".data.json", StringComparison.Ordinal)))
        {
            templates[Path.GetFileNameWithoutExtension(path)] = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new FormatException($"{Path.GetFileName(path)}: a card template must be a JSON object");
        }

        foreach (var required in new[] { TopicTemplate, MessageTemplate })
        {
            if (!templates.ContainsKey(required))
            {
                throw new FormatException($"cards/{required}.json is missing");
            }
        }

        return templates;
    }

    private static TemplateExpander.CompiledTemplate Compile(string name, JsonObject template)
    {
        try
        {
            return TemplateExpander.Compile(template);
        }
        catch (TemplateException ex)
        {
            throw new TemplateException($"cards/{name}.json: {ex.Message}", ex);
        }
    }

    public string TemplateFor(AnswerView answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return _templates.ContainsKey(answer.Kind.Name) ? answer.Kind.Name : answer.HasFigures ? TopicTemplate : MessageTemplate;
    }

    public JsonObject Render(AnswerView answer)
    {
        var template = TemplateFor(answer);
        var data = CardData.From(answer, _languages[answer.Language], _publicBaseUrl.Current);
        JsonObject card;
        try
        {
            card = _templates[template].Expand(data);
        }
        catch (TemplateException ex)
        {
            throw new TemplateException($"cards/{template}.json: {ex.Message}", ex);
        }

        // An answer without suggestions has no buttons: drop the empty list rather than send "actions": [].
        // (Checked on the answer: reading the card would materialise its lazily parsed JSON.)
        if (answer.Suggestions.Count == 0 && card["actions"] is JsonArray { Count: 0 })
        {
            card.Remove("actions");
        }

        return card;
    }
}
