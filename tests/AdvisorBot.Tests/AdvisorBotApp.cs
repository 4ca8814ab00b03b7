using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdvisorBot.Tests;

/// <summary>The real service in memory, with its own SQLite state file. One per test collection: training takes a second or two.</summary>
public sealed class AdvisorBotApp : WebApplicationFactory<Program>
{
    /// <summary>The Direct Line secret the test configuration sets.</summary>
    public const string DirectLineSecret = "test-secret-0123456789-abcdefghijklmnop";

    public string StatePath { get; } = Path.Combine(Path.GetTempPath(), $"advisorbot-test-{Guid.NewGuid():N}", "state.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("State:SqlitePath", StatePath);
        builder.UseSetting("AdvisorBot:PublicBaseUrl", "http://localhost:3978"); // stable chart URLs for the approved cards
        builder.UseSetting("DirectLine:Secrets:0", DirectLineSecret);
        builder.UseEnvironment("Production");
    }

    /// <summary>A user message with <c>deliveryMode: expectReplies</c>, as the Agents Playground and skills send it.</summary>
    public static JsonObject Message(string text, string conversationId, string locale = "nl-NL", string? id = null) => new()
    {
        ["type"] = "message",
        ["id"] = id ?? Guid.NewGuid().ToString("N"),
        ["channelId"] = "test",
        ["serviceUrl"] = "http://localhost/unused",
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "HR user" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "AdvisorBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["locale"] = locale,
        ["text"] = text,
        ["deliveryMode"] = "expectReplies",
    };

    /// <summary>Posts an activity with expectReplies and returns the reply activities.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(JsonObject activity)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        var replies = await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ExpectedReplies);
        return replies!.Activities;
    }

    public async Task<JsonObject> AskAsync(string text, string conversationId, string locale = "nl-NL")
    {
        var replies = await SendAsync(Message(text, conversationId, locale));
        return Assert.IsType<JsonObject>(Assert.Single(Assert.Single(replies).Attachments!).Content);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Path.GetDirectoryName(StatePath)!, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temp folder is cleaned by the OS.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AdvisorBotApp>
{
    public const string Name = "AdvisorBot app";
}

internal static class CardText
{
    /// <summary>All text a card shows (text blocks, facts, action titles), for assertions.</summary>
    public static string Of(JsonNode card) => string.Join("\n", Texts(card));

    private static IEnumerable<string> Texts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in new[] { "text", "title", "value", "label" })
                {
                    if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        yield return s;
                    }
                }

                foreach (var (key, child) in obj)
                {
                    if (key is not "data")
                    {
                        foreach (var t in Texts(child))
                        {
                            yield return t;
                        }
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var t in Texts(item))
                    {
                        yield return t;
                    }
                }
                break;
        }
    }

    /// <summary>The URL of every Image in a card, fallbacks included.</summary>
    public static IEnumerable<string> ImageUrls(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Image" && o["url"] is JsonValue u => [u.GetValue<string>()],
        JsonObject o => o.SelectMany(kv => ImageUrls(kv.Value)),
        JsonArray a => a.SelectMany(ImageUrls),
        _ => [],
    };

    /// <summary>The card's title: the first text of its first body element (beside it may stand the language switch).</summary>
    public static string Title(JsonObject card) => Texts(card["body"]![0]).First();

    /// <summary>Every action of the card, the language switch beside the title included.</summary>
    public static IEnumerable<JsonNode> Actions(JsonNode? node) => node switch
    {
        JsonObject o when o["actions"] is JsonArray actions => actions.Select(a => a!).Concat(o.Where(kv => kv.Key != "actions").SelectMany(kv => Actions(kv.Value))),
        JsonObject o => o.SelectMany(kv => Actions(kv.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
