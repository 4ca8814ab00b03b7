using System.Text.Json.Nodes;
using AdvisorBot.Cards;
using AdvisorBot.Protocol;

namespace AdvisorBot.Turn;

/// <summary>
/// The turn's answers as reply activities with their Adaptive Cards. Web Chat (Direct Line) shows follow-up
/// questions as suggested actions above the send box; Teams shows them as the card's buttons, which also work in
/// group chats and channels where suggested actions do not, and updates the bot's own buttons in place.
/// </summary>
public sealed class Replies(ICardRenderer cards, CardLanguages languages, TimeProvider time)
{
    public static bool ShowsSuggestedActions(string? channelId) => channelId is "webchat" or "directline";

    private static bool IsTeams(string? channelId) => channelId == "msteams";

    /// <summary>Replies to <paramref name="inbound"/>; for a Teams universal action, the invoke answer that replaces the clicked card.</summary>
    public TurnOutcome For(Activity inbound, IReadOnlyList<AnswerView> answers, bool inPlace)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(answers);
        var replies = answers.Select(a => Reply(inbound, a)).ToList();
        if (!inPlace)
        {
            return new TurnOutcome(replies);
        }

        var card = replies.SelectMany(r => r.Attachments ?? []).Select(a => a.Content).FirstOrDefault();
        var body = new JsonObject { ["statusCode"] = 200, ["type"] = Attachment.AdaptiveCardContentType, ["value"] = card };
        return new TurnOutcome([], new InvokeResponse(200, body));
    }

    private Activity Reply(Activity inbound, AnswerView answer)
    {
        var suggested = ShowsSuggestedActions(inbound.ChannelId) && answer.Suggestions.Count > 0;
        var card = cards.Render(suggested ? answer with { Suggestions = [] } : answer);
        LanguageSwitch.Add(card, answer, languages, executeInPlace: IsTeams(inbound.ChannelId));
        if (IsTeams(inbound.ChannelId))
        {
            foreach (var verb in UniversalActions.InPlaceVerbs)
            {
                UniversalActions.ExecuteInPlace(card, verb);
            }
        }

        return new()
        {
            Type = ActivityTypes.Message,
            Timestamp = time.GetUtcNow(),
            ChannelId = inbound.ChannelId,
            ServiceUrl = inbound.ServiceUrl,
            From = inbound.Recipient,
            Recipient = inbound.From,
            Conversation = inbound.Conversation,
            ReplyToId = inbound.Id,
            Locale = answer.Language == "nl" ? "nl-NL" : "en-US",
            InputHint = "acceptingInput",
            Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card }],
            SuggestedActions = suggested ? new SuggestedActions
            {
                Actions = [.. answer.Suggestions.Take(CardData.MaxSuggestions).Select(s => new CardAction { Type = "imBack", Title = s, Value = s })],
            } : null,
        };
    }
}
