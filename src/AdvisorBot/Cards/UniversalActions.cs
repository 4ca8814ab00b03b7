using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>
/// Teams can change a card in place: an <c>Action.Execute</c> comes back as an <c>adaptiveCard/action</c> invoke whose
/// answer replaces the card. Templates write <c>Action.Submit</c> (all Web Chat can do); for Teams, the buttons whose
/// data names a verb become <c>Action.Execute</c> with that verb, keeping the <c>Action.Submit</c> as their fallback.
/// </summary>
public static class UniversalActions
{
    public static void ExecuteInPlace(JsonObject card, string marker, string verb)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card["actions"] is not JsonArray actions)
        {
            return;
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is JsonObject { } action && action["type"]?.GetValue<string>() == "Action.Submit"
                && action["data"] is JsonObject data && data[marker] is JsonValue value && value.TryGetValue<string>(out var named) && named == verb)
            {
                var execute = new JsonObject { ["type"] = "Action.Execute", ["title"] = action["title"]?.DeepClone(), ["verb"] = verb, ["data"] = data.DeepClone() };
                if (action["style"] is { } style)
                {
                    execute["style"] = style.DeepClone();
                }

                execute["fallback"] = action.DeepClone();
                actions[i] = execute;
            }
        }
    }
}
