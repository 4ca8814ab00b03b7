using System.Text.Json.Nodes;
using AdvisorBot.Protocol;

namespace AdvisorBot.Cards;

/// <summary>
/// The "English" / "Nederlands" button on every answer card. In Teams it is an <c>Action.Execute</c>: the click comes
/// back as an <c>adaptiveCard/action</c> invoke and the bot answers with the same card in the other language, which
/// Teams puts in place of the old one; older Teams clients fall back to <c>Action.Submit</c>. Web Chat cannot do
/// <c>Action.Execute</c>, so there it is an <c>Action.Submit</c> and the card in the other language follows as a new message.
/// </summary>
public static class LanguageSwitch
{
    public const string Verb = CardVerbs.SwitchLanguage;
    private const string Marker = UniversalActions.Marker;

    public static void Add(JsonObject card, AnswerView answer, CardLanguages languages, bool executeInPlace)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(languages);
        if (answer.Replay is not { } replay)
        {
            return;
        }

        var actions = new JsonArray();
        foreach (var language in languages.All.Where(l => l.Code != answer.Language))
        {
            var data = new JsonObject { ["language"] = language.Code, ["intent"] = replay.Intent, ["text"] = replay.Text };
            actions.Add(UniversalActions.Button(language.Name, Verb, data, executeInPlace));
        }

        if (actions.Count == 0)
        {
            return;
        }

        // Beside the title, so it never competes with the follow-up buttons for the width of the card.
        var switchSet = new JsonObject { ["type"] = "ActionSet", ["actions"] = actions };
        if (card["body"] is JsonArray { Count: > 0 } body && body[0] is JsonObject { } title && title["type"]?.GetValue<string>() == "TextBlock")
        {
            body[0] = new JsonObject
            {
                ["type"] = "ColumnSet",
                ["columns"] = new JsonArray(
                    new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["verticalContentAlignment"] = "Center", ["items"] = new JsonArray(title.DeepClone()) },
                    new JsonObject { ["type"] = "Column", ["width"] = "auto", ["verticalContentAlignment"] = "Center", ["items"] = new JsonArray(switchSet) }),
            };
        }
        else if (card["body"] is JsonArray other)
        {
            other.Add(switchSet);
        }
    }

    /// <summary>The replay a switch button asks for, from an Action.Submit value or an Action.Execute's data.</summary>
    public static (AnswerReplay Replay, string Language)? Read(JsonNode? data)
    {
        if (JsonRead.Text(JsonRead.Member(data, Marker)) != Verb)
        {
            return null;
        }

        var language = JsonRead.Text(JsonRead.Member(data, "language"));
        var intent = JsonRead.Text(JsonRead.Member(data, "intent"));
        var text = JsonRead.Text(JsonRead.Member(data, "text")) ?? "";
        return language is null || intent is null ? null : (new AnswerReplay(intent, text.Length > 500 ? text[..500] : text), language);
    }
}
