using System.Text;
using System.Text.Json.Nodes;
using AdvisorBot.Protocol;
using AdvisorBot.Turn;

namespace AdvisorBot.Channels.ConsoleChat;

/// <summary>
/// <c>dotnet run --project src/AdvisorBot -- chat [--locale nl-NL]</c>: a terminal chat through the same pipeline as
/// /api/messages (expectReplies), printing each card as readable text. For developers and operators.
/// </summary>
public static class ChatConsole
{
    /// <summary>The locale a <c>chat</c> command line asks for (<c>--locale en-US</c>), Dutch by default.</summary>
    public static string LocaleOf(string[] args) => args.SkipWhile(a => a != "--locale").Skip(1).FirstOrDefault() ?? "nl-NL";

    public static async Task<int> RunAsync(ITurnProcessor processor, string locale)
    {
        ArgumentNullException.ThrowIfNull(processor);
        var conversation = new ConversationAccount { Id = "console-" + Guid.NewGuid().ToString("N")[..8] };
        var user = new ChannelAccount { Id = "console-user", Name = Environment.UserName, Role = "user" };
        var bot = new ChannelAccount { Id = "advisorbot", Name = "AdvisorBot", Role = "bot" };
        var counter = 0;

        Activity Make(string type, string? text = null) => new()
        {
            Type = type, Id = $"c{++counter}", ChannelId = "console", Conversation = conversation, From = user, Recipient = bot,
            Locale = locale, Text = text, DeliveryMode = DeliveryModes.ExpectReplies, Timestamp = DateTimeOffset.UtcNow,
            MembersAdded = type == ActivityTypes.ConversationUpdate ? [user] : null,
        };

        Console.WriteLine(locale.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? "AdvisorBot in the terminal. Ask a question; a number picks a suggestion; /exit (or Ctrl-D) leaves."
            : "AdvisorBot in de terminal. Stel een vraag; een nummer kiest een suggestie; /exit (of Ctrl-D) stopt.");
        var choices = Print((await processor.ProcessAsync(Make(ActivityTypes.ConversationUpdate), CancellationToken.None)).Replies);
        while (true)
        {
            Console.Write("\n> ");
            var line = Console.ReadLine()?.Trim();
            if (line is null || ExitWords.Contains(line, StringComparer.OrdinalIgnoreCase))
            {
                return 0;
            }

            if (line.Length == 0)
            {
                continue;
            }

            choices = Print((await processor.ProcessAsync(Chosen(Make(ActivityTypes.Message, line), line, choices), CancellationToken.None)).Replies);
        }
    }

    /// <summary>A suggestion by its number: its button's data, as a click on the card would send it; else the words.</summary>
    private static Activity Chosen(Activity message, string line, List<(string Title, JsonNode? Data)> choices) =>
        int.TryParse(line, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count
            ? message with { Text = choices[number - 1].Data is null ? choices[number - 1].Title : null, Value = choices[number - 1].Data?.DeepClone() }
            : message;

    /// <summary>What leaves the chat (besides Ctrl-D); "stop" and "opnieuw" stay questions for the bot.</summary>
    public static readonly string[] ExitWords = ["/exit", "/quit", "/q", "exit", "quit", ":q"];

    /// <summary>Prints the cards; returns the last card's buttons, numbered on screen.</summary>
    private static List<(string Title, JsonNode? Data)> Print(IEnumerable<Activity> replies)
    {
        var choices = new List<(string, JsonNode?)>();
        foreach (var reply in replies)
        {
            foreach (var card in (reply.Attachments ?? []).Select(a => a.Content).OfType<JsonObject>())
            {
                Console.WriteLine(CardText(card));
                choices = [.. (card["actions"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(a => (a["title"]?.GetValue<string>() ?? "", a["data"]))];
            }
        }

        return choices;
    }

    /// <summary>A card as plain text: text blocks, facts, and the buttons as [suggestions].</summary>
    public static string CardText(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var text = new StringBuilder();
        Walk(card["body"], text);
        if (card["actions"] is JsonArray actions)
        {
            text.AppendLine("  " + string.Join("  ", actions.Select((a, i) => $"[{i + 1}] {a?["title"]}")));
        }

        return text.ToString();
    }

    private static void Walk(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, text);
                }
                break;
            case JsonObject obj when obj["type"]?.GetValue<string>() == "TextBlock":
                text.AppendLine(obj["text"]?.GetValue<string>());
                break;
            case JsonObject obj when obj["type"]?.GetValue<string>() == "FactSet":
                foreach (var fact in obj["facts"]?.AsArray() ?? [])
                {
                    text.AppendLine($"  {fact?["title"]}: {fact?["value"]}");
                }
                break;
            case JsonObject obj:
                Walk(obj["items"], text);
                Walk(obj["columns"], text);
                break;
        }
    }
}
