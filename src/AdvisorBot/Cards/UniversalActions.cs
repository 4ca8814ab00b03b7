using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>
/// The bot's own card buttons (data <c>{ "advisorbot": verb, … }</c>) and Teams' in-place updates: an
/// <c>Action.Execute</c> comes back as an <c>adaptiveCard/action</c> invoke whose answer replaces the card. Web Chat
/// cannot do <c>Action.Execute</c> (and its renderer drops an action's <c>fallback</c>), so there the same button is an
/// <c>Action.Submit</c>; in Teams it is an <c>Action.Execute</c> keeping that <c>Action.Submit</c> as its fallback.
/// </summary>
public static class UniversalActions
{
    /// <summary>The verbs of the bot's own buttons that Teams answers in place.</summary>
    public static IReadOnlyList<string> InPlaceVerbs { get; } = [CardVerbs.Checklist];

    /// <summary>The data key that names the verb of one of the bot's buttons.</summary>
    public const string Marker = "advisorbot";

    /// <summary>A button with <paramref name="verb"/>: Execute with a Submit fallback in Teams, Submit elsewhere.</summary>
    public static JsonObject Button(string title, string verb, JsonObject data, bool executeInPlace, JsonNode? style = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data[Marker] = verb;
        var submit = new JsonObject { ["type"] = "Action.Submit", ["title"] = title };
        if (style is not null)
        {
            submit["style"] = style.DeepClone();
        }

        submit["data"] = data.DeepClone();
        if (!executeInPlace)
        {
            return submit;
        }

        var execute = new JsonObject { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data };
        if (style is not null)
        {
            execute["style"] = style.DeepClone();
        }

        execute["fallback"] = submit;
        return execute;
    }

    /// <summary>For Teams: the card's top-level Submit buttons whose data names <paramref name="verb"/> become Execute buttons.</summary>
    public static void ExecuteInPlace(JsonObject card, string verb)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card["actions"] is not JsonArray actions)
        {
            return;
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is JsonObject { } action && action["type"]?.GetValue<string>() == "Action.Submit"
                && action["data"] is JsonObject data && data[Marker] is JsonValue value && value.TryGetValue<string>(out var named) && named == verb)
            {
                actions[i] = Button(action["title"]?.GetValue<string>() ?? "", verb, (JsonObject)data.DeepClone(), executeInPlace: true, action["style"]);
            }
        }
    }
}

/// <summary>The verbs of the bot's own buttons: the value of <see cref="UniversalActions.Marker"/> in their data.</summary>
public static class CardVerbs
{
    public const string SwitchLanguage = "switchLanguage";
    public const string Checklist = "checklist";
}
