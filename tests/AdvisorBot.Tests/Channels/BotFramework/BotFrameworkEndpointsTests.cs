using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Protocol;

namespace AdvisorBot.Tests.Channels.BotFramework;

[Collection(AppCollection.Name)]
public sealed class BotFrameworkEndpointsTests(AdvisorBotApp app)
{
    private static string NewConversation() => "conv-" + Guid.NewGuid().ToString("N");

    private async Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json")
    {
        using var client = app.CreateClient();
        return await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, contentType));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(title, problem["title"]!.GetValue<string>());
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MessageWithExpectReplies_ReturnsAnAdaptiveCardReply()
    {
        var conversation = NewConversation();
        var replies = await app.SendAsync(AdvisorBotApp.Message("hoe schaars zijn ze?", conversation, id: "act-1"));

        var reply = Assert.Single(replies);
        Assert.Equal("message", reply.Type);
        Assert.Equal("act-1", reply.ReplyToId);
        Assert.Equal(conversation, reply.Conversation!.Id);
        Assert.Equal("bot-1", reply.From!.Id);
        Assert.Equal("user-1", reply.Recipient!.Id);
        Assert.Equal("nl-NL", reply.Locale);
        var attachment = Assert.Single(reply.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        Assert.Equal("1.5", attachment.Content!["version"]!.GetValue<string>());
        Assert.Contains("Zeer schaars", CardText.Of(attachment.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400ProblemDetails()
    {
        using var response = await PostRawAsync("{ \"type\": \"message\", ");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Malformed JSON");
    }

    [Fact]
    public async Task Post_JsonArray_Returns400ProblemDetails()
    {
        using var response = await PostRawAsync("[1,2,3]");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Malformed JSON");
    }

    [Fact]
    public async Task Post_MissingType_Returns400ProblemDetails()
    {
        var activity = AdvisorBotApp.Message("hallo", NewConversation());
        activity.Remove("type");
        using var response = await PostRawAsync(activity.ToJsonString());
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Invalid activity");
    }

    [Fact]
    public async Task Post_MissingConversation_Returns400ProblemDetails()
    {
        var activity = AdvisorBotApp.Message("hallo", NewConversation());
        activity.Remove("conversation");
        using var response = await PostRawAsync(activity.ToJsonString());
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Invalid activity");
    }

    [Fact]
    public async Task Post_TextOver10000Characters_Returns400ProblemDetails()
    {
        using var response = await PostRawAsync(AdvisorBotApp.Message(new string('a', 10_001), NewConversation()).ToJsonString());
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Text too long");
    }

    [Fact]
    public async Task Post_BodyOver256KB_Returns413ProblemDetails()
    {
        var activity = AdvisorBotApp.Message("hallo", NewConversation());
        activity["channelData"] = new JsonObject { ["padding"] = new string('x', 300_000) };
        using var response = await PostRawAsync(activity.ToJsonString());
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "Activity too large");
    }

    [Fact]
    public async Task Post_NotJson_Returns415ProblemDetails()
    {
        using var response = await PostRawAsync("hello", "text/plain");
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type");
    }

    [Fact]
    public async Task Post_UnknownActivityType_IsIgnoredPolitely()
    {
        var activity = AdvisorBotApp.Message("hallo", NewConversation());
        activity["type"] = "somethingNew";
        activity.Remove("deliveryMode");
        using var response = await PostRawAsync(activity.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_TypingActivity_GetsNoReply()
    {
        var activity = AdvisorBotApp.Message("", NewConversation());
        activity["type"] = "typing";
        Assert.Empty(await app.SendAsync(activity));
    }

    [Fact]
    public async Task Head_Messages_Answers200()
    {
        using var client = app.CreateClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Healthz_ReportsTheKnowledgeBaseLoaded()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ConversationUpdate_WelcomesOncePerConversation()
    {
        var conversation = NewConversation();
        JsonObject Joined() => new()
        {
            ["type"] = "conversationUpdate",
            ["channelId"] = "test",
            ["serviceUrl"] = "http://localhost/unused",
            ["recipient"] = new JsonObject { ["id"] = "bot-1" },
            ["conversation"] = new JsonObject { ["id"] = conversation },
            ["membersAdded"] = new JsonArray { new JsonObject { ["id"] = "user-1" } },
            ["locale"] = "en-US",
            ["deliveryMode"] = "expectReplies",
        };

        var first = await app.SendAsync(Joined());
        var welcome = Assert.Single(first).Attachments![0].Content!.AsObject();
        Assert.Equal("Recruitment advisor", CardText.Title(welcome));
        Assert.Empty(await app.SendAsync(Joined()));
    }

    [Fact]
    public async Task Post_WebChatJoinEvent_Welcomes()
    {
        var activity = AdvisorBotApp.Message("", NewConversation());
        activity["type"] = "event";
        activity["name"] = "webchat/join";
        var reply = Assert.Single(await app.SendAsync(activity));
        Assert.Equal("Wervingsadviseur", CardText.Title(reply.Attachments![0].Content!.AsObject()));
    }

    [Fact]
    public async Task Post_CardSubmitWithoutText_AnswersTheButtonsQuestion()
    {
        var activity = AdvisorBotApp.Message("", NewConversation(), "en-US");
        activity.Remove("text");
        activity["value"] = new JsonObject { ["question"] = "How scarce are they?", ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = "How scarce are they?" } };
        var reply = Assert.Single(await app.SendAsync(activity));
        Assert.Equal("Scarcity", CardText.Title(reply.Attachments![0].Content!.AsObject()));
    }

    [Fact]
    public async Task Post_AdaptiveCardActionInvoke_AnswersWithACardInTheResponse()
    {
        var activity = AdvisorBotApp.Message("", NewConversation(), "en-US");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "ask", ["data"] = new JsonObject { ["question"] = "What do they earn?" } } };
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("EUR 47,000", CardText.Of(body["value"]!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnsupportedInvoke_Returns400WithAnErrorBody()
    {
        var activity = AdvisorBotApp.Message("", NewConversation());
        activity["type"] = "invoke";
        activity["name"] = "task/fetch";
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("NotSupported", body["value"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_TeamsChannelMention_IsStrippedBeforeUnderstanding()
    {
        var activity = AdvisorBotApp.Message("<at>AdvisorBot</at> what do they earn?", NewConversation(), "en-US");
        activity["entities"] = new JsonArray
        {
            new JsonObject { ["type"] = "mention", ["text"] = "<at>AdvisorBot</at>", ["mentioned"] = new JsonObject { ["id"] = "bot-1", ["name"] = "AdvisorBot" } },
        };
        var reply = Assert.Single(await app.SendAsync(activity));
        Assert.StartsWith("Salary", CardText.Title(reply.Attachments![0].Content!.AsObject()), StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_UnknownFields_SurviveARoundTrip()
    {
        const string json = """{"type":"message","text":"hi","futureField":{"a":[1,2]},"from":{"id":"u","customProp":true},"conversation":{"id":"c","tenantId":"t","flavour":"x"}}""";
        var activity = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity)!;
        var back = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!;
        Assert.Equal(2, back["futureField"]!["a"]![1]!.GetValue<int>());
        Assert.True(back["from"]!["customProp"]!.GetValue<bool>());
        Assert.Equal("x", back["conversation"]!["flavour"]!.GetValue<string>());
        Assert.Null(back["recipient"]);
    }
}
