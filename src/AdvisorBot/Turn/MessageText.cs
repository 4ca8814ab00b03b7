using System.Text.Json.Nodes;
using AdvisorBot.Protocol;

namespace AdvisorBot.Turn;

/// <summary>The user's words in a message activity.</summary>
public static class MessageText
{
    /// <summary>The text (with the bot's own @mention removed), or a card button's question.</summary>
    public static string? Of(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text is { } sent ? UserText.Clean(sent) : null;
        if (!string.IsNullOrEmpty(text) && activity.Entities is { Count: > 0 } entities && activity.Recipient?.Id is { } botId)
        {
            foreach (var mention in entities)
            {
                if (JsonRead.Text(JsonRead.Member(mention, "type")) == "mention" && JsonRead.Text(JsonRead.Path(mention, "mentioned", "id")) == botId)
                {
                    var mentionText = JsonRead.Text(JsonRead.Member(mention, "text")) is { Length: > 0 } written
                        ? written
                        : $"<at>{JsonRead.Text(JsonRead.Path(mention, "mentioned", "name"))}</at>";
                    text = text.Replace(mentionText, "", StringComparison.Ordinal);
                }
            }
        }

        if (string.IsNullOrWhiteSpace(text) && activity.Value is JsonObject value)
        {
            text = JsonRead.Text(JsonRead.Member(value, "question"))
                ?? JsonRead.Text(JsonRead.Path(value, "msteams", "value"))
                ?? JsonRead.Text(JsonRead.Member(value, "text"));
        }

        return text?.Trim();
    }
}
