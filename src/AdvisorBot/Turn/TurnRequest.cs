using System.Text.Json.Nodes;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Protocol;

namespace AdvisorBot.Turn;

/// <summary>What an inbound activity asks of the bot, before any state is read.</summary>
internal abstract record TurnRequest
{
    /// <summary>Typing, reactions, an empty message, unknown events: nothing to answer.</summary>
    public sealed record Ignore : TurnRequest;

    /// <summary>An activity whose shape the bot cannot read: refused as the client's error.</summary>
    public sealed record Unreadable : TurnRequest;

    /// <summary>Answered without a turn (an invoke the bot cannot take).</summary>
    public sealed record Refuse(InvokeResponse Response) : TurnRequest;

    /// <summary>
    /// A turn: an intent already known from the activity (a button, the welcome), or text for the recognisers.
    /// <paramref name="InPlace"/>: a Teams universal action, answered with the card that replaces the clicked one.
    /// </summary>
    public sealed record Run(TurnIntent? Intent, string Text, bool InPlace) : TurnRequest;
}

/// <summary>Reads an activity into a <see cref="TurnRequest"/>: messages, button data, Teams' invokes and the conversation events.</summary>
internal sealed class ActivityReader(TurnRouter router)
{
    public const string CardActionInvoke = "adaptiveCard/action";

    public TurnRequest Read(Activity activity, string? fileText)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type switch
        {
            ActivityTypes.Message => Message(activity, fileText),
            ActivityTypes.ConversationUpdate when activity.MembersAdded is { Count: > 0 } => Welcome(),
            ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade" => Welcome(),
            ActivityTypes.Event when activity.Name is "webchat/join" or "advisorbot/welcome" => Welcome(),
            ActivityTypes.Invoke when activity.Name == CardActionInvoke => CardAction(activity),
            ActivityTypes.Invoke => new TurnRequest.Refuse(new InvokeResponse(400, InvokeError("NotSupported", $"Invoke '{activity.Name}' is not supported."))),
            _ => new TurnRequest.Ignore(),
        };
    }

    private static TurnRequest.Run Welcome() => new(new WelcomeRequest(), "", InPlace: false);

    /// <summary>A button's data (Web Chat's Action.Submit), a Teams file's text, or the user's words.</summary>
    private TurnRequest Message(Activity activity, string? fileText)
    {
        if (router.FromAction(activity.Value) is { } clicked)
        {
            return new TurnRequest.Run(clicked, "", InPlace: false);
        }

        var text = string.IsNullOrWhiteSpace(fileText) ? MessageText.Of(activity) : fileText;
        return string.IsNullOrWhiteSpace(text) ? new TurnRequest.Ignore() : new TurnRequest.Run(null, text, InPlace: false);
    }

    /// <summary>Teams' Action.Execute: one of the bot's buttons, or a follow-up question, answered in place.</summary>
    private TurnRequest CardAction(Activity activity)
    {
        var data = JsonRead.Path(activity.Value, "action", "data");
        var verb = JsonRead.Text(JsonRead.Path(activity.Value, "action", "verb"));
        if (router.FromAction(data) is { } clicked)
        {
            return new TurnRequest.Run(clicked, "", InPlace: true);
        }

        var refusal = verb switch
        {
            Cards.CardVerbs.SwitchLanguage => "The language switch carries no answer to repeat.",
            Cards.CardVerbs.Checklist => "The checklist button carries no step.",
            _ => null,
        };
        var question = JsonRead.Text(JsonRead.Member(data, "question"));
        if (refusal is null && !string.IsNullOrWhiteSpace(question))
        {
            return new TurnRequest.Run(null, question, InPlace: true);
        }

        return new TurnRequest.Refuse(new InvokeResponse(200, InvokeError("BadRequest", refusal ?? "The action carries no question.")));
    }

    public static JsonObject InvokeError(string code, string message) => new()
    {
        ["statusCode"] = 400,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
