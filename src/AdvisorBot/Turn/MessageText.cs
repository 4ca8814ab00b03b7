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
        var text = activity.Text;
        if (!string.IsNullOrEmpty(text) && activity.Entities is { Count: > 0 } entities && activity.Recipient?.Id is { } botId)
        {
            foreach (var mention in entities.Where(e => e["type"]?.GetValue<string>() == "mention"))
            {
                if (mention["mentioned"]?["id"]?.GetValue<string>() != botId)
                {
                    continue;
                }

                var mentionText = mention["text"]?.GetValue<string>() ?? $"<at>{mention["mentioned"]?["name"]?.GetValue<string>()}</at>";
                text = text.Replace(mentionText, "", StringComparison.Ordinal);
            }
        }

        if (string.IsNullOrWhiteSpace(text) && activity.Value is JsonObject value)
        {
            text = value["question"]?.GetValue<string>()
                ?? value["msteams"]?["value"]?.GetValue<string>()
                ?? value["text"]?.GetValue<string>();
        }

        return text?.Trim();
    }
}
