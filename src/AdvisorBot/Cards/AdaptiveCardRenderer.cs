using System.Text.Json.Nodes;
using AdvisorBot.Dialogs;

namespace AdvisorBot.Cards;

public interface ICardRenderer
{
    /// <summary>The Adaptive Card (schema 1.5) for an answer.</summary>
    JsonObject Render(AnswerView answer);
}

/// <summary>
/// Renders an answer as an Adaptive Card 1.5 that Teams and Web Chat both show: title, the note, the headline,
/// the figures as a FactSet, each chart's data as text, lists, the advice, the source line, and suggested next
/// questions as Action.Submit buttons that work in both clients (imBack in Teams, postBack in Web Chat).
/// </summary>
public sealed class AdaptiveCardRenderer : ICardRenderer
{
    public const string SchemaVersion = "1.5";

    public JsonObject Render(AnswerView answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock", ["text"] = answer.Title, ["style"] = "heading", ["size"] = "Large",
                ["weight"] = "Bolder", ["wrap"] = true,
            },
        };
        if (answer.Note is not null)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container", ["style"] = "warning",
                ["items"] = new JsonArray { Text(answer.Note, subtle: false, size: "Small") },
            });
        }

        if (answer.Lead is not null)
        {
            body.Add(Text(answer.Lead));
        }

        if (answer.Facts.Count > 0)
        {
            body.Add(FactSet(answer.Facts.Select(f => (f.Label, f.Value))));
        }

        foreach (var chart in answer.Charts)
        {
            body.Add(Text(chart.Title, weight: "Bolder", spacing: "Medium"));
            body.Add(FactSet(chart.Points.Select(p => (p.Label, p.FormattedValue))));
        }

        foreach (var list in answer.Lists)
        {
            body.Add(Text(list.Title, weight: "Bolder", spacing: "Medium"));
            var lines = list.Items.Select((item, i) => list.Numbered ? $"{i + 1}. {item}" : $"- {item}");
            body.Add(Text(string.Join("\n", lines)));
        }

        if (answer.Advice is not null)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container", ["style"] = "emphasis", ["spacing"] = "Medium",
                ["items"] = new JsonArray { Text(answer.Advice) },
            });
        }

        if (answer.Source is not null)
        {
            body.Add(Text(answer.Source, subtle: true, size: "Small", spacing: "Medium"));
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = SchemaVersion,
            ["lang"] = answer.Language,
            ["body"] = body,
        };
        if (answer.Suggestions.Count > 0)
        {
            card["actions"] = new JsonArray([.. answer.Suggestions.Take(5).Select(Suggestion)]);
        }

        return card;
    }

    /// <summary>A button that sends the question as if typed: Teams turns msteams.imBack into a user message; Web Chat posts the data as value.</summary>
    public static JsonObject Suggestion(string question) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = question,
        ["data"] = new JsonObject
        {
            ["question"] = question,
            ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = question },
        },
    };

    private static JsonObject FactSet(IEnumerable<(string Label, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value })]),
    };

    private static JsonObject Text(string text, bool subtle = false, string? size = null, string? weight = null, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (subtle) { block["isSubtle"] = true; }
        if (size is not null) { block["size"] = size; }
        if (weight is not null) { block["weight"] = weight; }
        if (spacing is not null) { block["spacing"] = spacing; }
        return block;
    }
}
