using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Protocol;

namespace AdvisorBot.Tests.Channels.Teams;

/// <summary>Teams-shaped payloads (as Teams and the Agents Playground send them) replayed through /api/messages.</summary>
[Collection(AppCollection.Name)]
public sealed class TeamsBehaviourTests(AdvisorBotApp app)
{
    private const string BotId = "28:5b8a3b4e-8b6f-4a52-9d7e-2d1f0c9a7e11";

    private static JsonObject Teams(string type, string conversationId, string conversationType, string? text = null, string locale = "nl-NL") => new()
    {
        ["type"] = type,
        ["id"] = "1795474954" + Random.Shared.Next(100, 999),
        ["channelId"] = "msteams",
        ["serviceUrl"] = "https://smba.trafficmanager.net/emea/",
        ["from"] = new JsonObject { ["id"] = "29:1abc", ["name"] = "Hanna de Vries", ["aadObjectId"] = "6a0c7bde-2c1e-4f7e-9b4b-3f0f3b0c8d11" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "AdvisorBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId, ["conversationType"] = conversationType, ["isGroup"] = conversationType != "personal",
            ["tenantId"] = "0f3c2a1b-9d8e-4c7b-a6f5-e4d3c2b1a098",
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "0f3c2a1b-9d8e-4c7b-a6f5-e4d3c2b1a098" } },
        ["locale"] = locale,
        ["text"] = text,
        ["deliveryMode"] = "expectReplies",
    };

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(JsonObject activity)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static JsonArray Replies(JsonNode? body) => body!["activities"]!.AsArray();

    [Fact]
    public async Task ChannelMention_IsStrippedBeforeUnderstanding_AndTheReplyGoesInTheThread()
    {
        var thread = $"19:{Guid.NewGuid():N}@thread.tacv2;messageid=1795474954522";
        var activity = Teams("message", thread, "channel", "<at>AdvisorBot</at> hoe schaars zijn ze?\n");
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>AdvisorBot</at>", ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "AdvisorBot" },
        });
        var (status, body) = await PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Assert.Single(Replies(body))!;
        Assert.Equal("Schaarste", CardText.Title(reply["attachments"]![0]!["content"]!.AsObject()));
        Assert.Equal(thread, reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(activity["id"]!.GetValue<string>(), reply["replyToId"]!.GetValue<string>());
        Assert.Null(reply["suggestedActions"]); // group chats and channels: the follow-ups are card buttons
    }

    [Fact]
    public async Task PersonalInstall_WelcomesOncePerConversation_NotOncePerProcess()
    {
        var first = "a:1" + Guid.NewGuid().ToString("N");
        var install = Teams("installationUpdate", first, "personal");
        install["action"] = "add";
        var added = Teams("conversationUpdate", first, "personal");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });

        var welcomes = new List<JsonNode>();
        foreach (var activity in new[] { install, added, install.DeepClone().AsObject() })
        {
            var (status, body) = await PostAsync(activity);
            Assert.Equal(HttpStatusCode.OK, status);
            welcomes.AddRange(Replies(body).Select(r => r!.DeepClone()));
        }

        var welcome = Assert.Single(welcomes);
        Assert.Equal("Wervingsadviseur", CardText.Title(welcome["attachments"]![0]!["content"]!.AsObject()));

        // Another user's personal chat (another conversation) gets its own welcome.
        var other = Teams("installationUpdate", "a:1" + Guid.NewGuid().ToString("N"), "personal", locale: "en-US");
        other["action"] = "add";
        var (_, otherBody) = await PostAsync(other);
        Assert.Equal("Recruitment advisor", CardText.Title(Assert.Single(Replies(otherBody))!["attachments"]![0]!["content"]!.AsObject()));
    }

    [Theory]
    [InlineData("nl-NL", "Help")]
    [InlineData("en-US", "Help")]
    public async Task TheActivityLocale_DecidesTheLanguage_WhenTheTextDoesNot(string locale, string text)
    {
        var (_, body) = await PostAsync(Teams("message", "a:1" + Guid.NewGuid().ToString("N"), "personal", text, locale));
        var reply = Assert.Single(Replies(body))!;
        Assert.Equal(locale[..2] == "nl" ? "nl-NL" : "en-US", reply["locale"]!.GetValue<string>());
    }

    [Fact]
    public async Task LanguageSwitch_InTeams_ReplacesTheCardInPlaceThroughAnInvoke()
    {
        var conversation = "a:1" + Guid.NewGuid().ToString("N");
        var (_, body) = await PostAsync(Teams("message", conversation, "personal", "Waar vind ik senior developers?"));
        var card = Assert.Single(Replies(body))!["attachments"]![0]!["content"]!.AsObject();
        var button = CardText.Actions(card).Single(a => a["title"]!.GetValue<string>() == "English");
        Assert.Equal("Action.Execute", button["type"]!.GetValue<string>());
        Assert.Equal("Action.Submit", button["fallback"]!["type"]!.GetValue<string>());

        // Teams sends the click as an adaptiveCard/action invoke and puts the answer's card in place of the old one.
        var invoke = Teams("invoke", conversation, "personal");
        invoke.Remove("text");
        invoke.Remove("deliveryMode");
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = "1795474954999";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = button["verb"]!.GetValue<string>(), ["data"] = button["data"]!.DeepClone() },
            ["trigger"] = "manual",
        };
        var (status, response) = await PostAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, response!["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", response["type"]!.GetValue<string>());
        var english = response["value"]!.AsObject();
        Assert.Equal("Search channels", CardText.Title(english));
        Assert.Contains("job sites (53%)", CardText.Of(english), StringComparison.Ordinal);
        Assert.Contains(CardText.Actions(english), a => a["title"]!.GetValue<string>() == "Nederlands" && a["type"]!.GetValue<string>() == "Action.Execute");

        // The conversation goes on in English.
        var (_, next) = await PostAsync(Teams("message", conversation, "personal", "Help"));
        Assert.Equal("en-US", Assert.Single(Replies(next))!["locale"]!.GetValue<string>());
    }

    [Fact]
    public async Task LanguageSwitch_InWebChat_IsASubmitThatPostsTheCardAgainInTheOtherLanguage()
    {
        var conversation = Guid.NewGuid().ToString("N");
        var question = AdvisorBotApp.Message("What attracts them to an employer?", conversation, "en-US");
        question["channelId"] = "webchat";
        var (_, body) = await PostAsync(question);
        var card = Assert.Single(Replies(body))!["attachments"]![0]!["content"]!.AsObject();
        var button = CardText.Actions(card).Single(a => a["title"]!.GetValue<string>() == "Nederlands");
        Assert.Equal("Action.Submit", button["type"]!.GetValue<string>());

        // Web Chat posts an Action.Submit with object data as a message with that value (postBack) and no text.
        var click = AdvisorBotApp.Message("", conversation, "en-US");
        click.Remove("text");
        click["channelId"] = "webchat";
        click["value"] = button["data"]!.DeepClone();
        click["channelData"] = new JsonObject { ["postBack"] = true };
        var (_, switched) = await PostAsync(click);
        Assert.Equal("Wat trekt ze aan?", CardText.Title(Assert.Single(Replies(switched))!["attachments"]![0]!["content"]!.AsObject()));
    }

    [Fact]
    public async Task AVacancySentAsATxtFile_IsChecked_AndAFileTooLargeIsNotRead()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var files = builder.Build();
        var vacancy = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "vacancies", "nl-good-2.txt"));
        files.MapGet("/files/vacature.txt", () => Microsoft.AspNetCore.Http.Results.Text("\uFEFF" + vacancy, "text/plain"));
        files.MapGet("/files/huge.txt", () => Microsoft.AspNetCore.Http.Results.Text(new string('x', 200_000), "text/plain"));
        await files.StartAsync();
        var baseUrl = files.Urls.First();

        JsonObject WithFile(string name, string? text)
        {
            var activity = Teams("message", "a:1" + Guid.NewGuid().ToString("N"), "personal", text);
            activity["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
                ["contentUrl"] = "https://contoso.sharepoint.com/personal/hanna/Documents/" + name,
                ["name"] = name,
                ["content"] = new JsonObject { ["downloadUrl"] = $"{baseUrl}/files/{name}", ["uniqueId"] = Guid.NewGuid().ToString(), ["fileType"] = "txt" },
            });
            return activity;
        }

        var (_, body) = await PostAsync(WithFile("vacature.txt", null));
        var card = Assert.Single(Replies(body))!["attachments"]![0]!["content"]!.AsObject();
        Assert.Equal("Vacaturetekstcheck", CardText.Title(card));
        Assert.Contains("9 van 9", CardText.Of(card), StringComparison.Ordinal);

        var (_, tooLarge) = await PostAsync(WithFile("huge.txt", "hoe schaars zijn ze?"));
        Assert.Equal("Schaarste", CardText.Title(Assert.Single(Replies(tooLarge))!["attachments"]![0]!["content"]!.AsObject()));
        await files.StopAsync();
    }

    [Theory]
    [InlineData("Geef me een samenvatting")]
    [InlineData("Wat is de checklist?")]
    [InlineData("Wat voor achtergrond hebben ze?")]
    [InlineData("Waar vind ik ze?")]
    [InlineData("Which websites and media do they use?")]
    public async Task PostActivity_TeamsMessage_RepliesStayUnder80KB(string question)
    {
        var (_, body) = await PostAsync(Teams("message", "a:1" + Guid.NewGuid().ToString("N"), "personal", question));
        foreach (var reply in Replies(body))
        {
            var size = System.Text.Encoding.UTF8.GetByteCount(reply!.ToJsonString());
            Assert.True(size < 80 * 1024, $"a reply to '{question}' is {size:N0} bytes");
        }
    }
}
