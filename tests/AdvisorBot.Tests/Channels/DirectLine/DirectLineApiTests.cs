using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Channels.DirectLine;

/// <summary>The Direct Line 3.0 API as botframework-directlinejs calls it, over HTTP against the real service.</summary>
[Collection(AppCollection.Name)]
public sealed class DirectLineApiTests(AdvisorBotApp app)
{
    private const string Base = "/v3/directline";

    private async Task<JsonObject> PageTokenAsync(string? previousToken = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
        if (previousToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", previousToken);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private HttpClient Client(string? bearer)
    {
        var client = app.CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Message(string text, string clientActivityId, string locale = "nl-NL") =>
        new JsonObject
        {
            ["type"] = "message",
            ["channelId"] = "webchat",
            ["from"] = new JsonObject { ["id"] = "ignored-when-the-token-has-a-user", ["name"] = "HR", ["role"] = "user" },
            ["locale"] = locale,
            ["text"] = text,
            ["textFormat"] = "plain",
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        }.ToJsonString();

    /// <summary>A started conversation: the page's token, then POST /conversations as Web Chat does.</summary>
    private async Task<(string ConversationId, string Token, string UserId)> StartAsync()
    {
        var page = await PageTokenAsync();
        using var client = Client(page["token"]!.GetValue<string>());
        using var start = await client.PostAsync($"{Base}/conversations", Json("""{"user":{"id":"r_abc"}}"""));
        var (status, body) = await Read(start);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"start answered {status}");
        return (body!["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>(), page["userId"]!.GetValue<string>());
    }

    private async Task<JsonObject> ActivitiesAsync(string conversationId, string token, string watermark = "")
    {
        using var client = Client(token);
        using var response = await client.GetAsync($"{Base}/conversations/{conversationId}/activities?watermark={watermark}");
        var (status, body) = await Read(response);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    [Fact]
    public async Task PageToken_AnswersLikeTokensGenerate_WithAUserBoundIntoTheJwt()
    {
        var page = await PageTokenAsync();
        Assert.False(string.IsNullOrEmpty(page["conversationId"]!.GetValue<string>()));
        Assert.Equal(3600, page["expires_in"]!.GetValue<int>());
        var userId = page["userId"]!.GetValue<string>();
        Assert.StartsWith("dl_", userId, StringComparison.Ordinal);

        // Web Chat reads the 'user' claim (jwt-decode) and uses it as its user id.
        var payload = page["token"]!.GetValue<string>().Split('.')[1];
        var claims = JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=').Replace('-', '+').Replace('_', '/')))!;
        Assert.Equal(userId, claims["user"]!.GetValue<string>());
        Assert.Equal(page["conversationId"]!.GetValue<string>(), claims["conv"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartConversation_WithAPageToken_ReturnsATokenAndAnAbsoluteWebSocketStreamUrlWithTheToken()
    {
        var page = await PageTokenAsync();
        using var client = Client(page["token"]!.GetValue<string>());
        using var first = await client.PostAsync($"{Base}/conversations", null);
        var (status, body) = await Read(first);
        Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK);
        var token = body!["token"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(token));
        var streamUrl = new Uri(body["streamUrl"]!.GetValue<string>());
        Assert.Equal("ws", streamUrl.Scheme);
        Assert.Equal($"{Base}/conversations/{page["conversationId"]}/stream", streamUrl.AbsolutePath);
        Assert.Contains("t=" + token, streamUrl.Query, StringComparison.Ordinal);

        // Starting again (a second tab) is the same conversation: 200, not a new one.
        using var again = await client.PostAsync($"{Base}/conversations", null);
        var (againStatus, againBody) = await Read(again);
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(page["conversationId"]!.GetValue<string>(), againBody!["conversationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_EchoesTheUserActivityWithIdAndClientActivityId_ThenTheBotsCardReplyInOrder()
    {
        var (conversationId, token, userId) = await StartAsync();
        using var client = Client(token);
        using var post = await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(Message("Waar vind ik senior developers?", "c-1")));
        var (status, body) = await Read(post);
        Assert.Equal(HttpStatusCode.OK, status);
        var id = body!["id"]!.GetValue<string>();

        var set = await ActivitiesAsync(conversationId, token);
        var activities = set["activities"]!.AsArray();
        Assert.Equal(2, activities.Count);
        var echo = activities[0]!;
        Assert.Equal(id, echo["id"]!.GetValue<string>());
        Assert.Equal("c-1", echo["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal("user", echo["from"]!["role"]!.GetValue<string>());
        Assert.Equal(userId, echo["from"]!["id"]!.GetValue<string>()); // the token's user, not what the client claimed
        Assert.NotNull(echo["timestamp"]);

        var reply = activities[1]!;
        Assert.Equal("bot", reply["from"]!["role"]!.GetValue<string>());
        Assert.Equal(id, reply["replyToId"]!.GetValue<string>());
        Assert.NotNull(reply["timestamp"]);
        var card = reply["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Equal("Zoekkanalen", CardText.Title(card["content"]!.AsObject()));
        Assert.Contains("vacaturesites (53%)", CardText.Of(card["content"]!), StringComparison.Ordinal);
        // Follow-up questions: suggested actions above Web Chat's send box, not again as buttons in the card.
        var suggestions = reply["suggestedActions"]!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.DoesNotContain(s, CardText.Of(card["content"]!), StringComparison.Ordinal));
        Assert.Equal("2", set["watermark"]!.GetValue<string>());

        // From the watermark: nothing new, and the watermark stays.
        var after = await ActivitiesAsync(conversationId, token, "2");
        Assert.Empty(after["activities"]!.AsArray());
        Assert.Equal("2", after["watermark"]!.GetValue<string>());
    }

    [Fact]
    public async Task TeamsAndOtherChannels_KeepTheFollowUpsAsCardButtons_WithoutSuggestedActions()
    {
        var reply = Assert.Single(await app.SendAsync(AdvisorBotApp.Message("Waar vind ik senior developers?", Guid.NewGuid().ToString("N"))));
        Assert.Null(reply.SuggestedActions);
        Assert.NotEmpty(reply.Attachments![0].Content!["actions"]!.AsArray());
    }

    [Fact]
    public async Task JoinEvent_IsAnsweredWithTheWelcomeCard_OncePerConversation()
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        const string join = """{"type":"event","name":"webchat/join","value":{"locale":"en-US"},"locale":"en-US","from":{"id":"x"},"channelData":{"clientActivityID":"j"}}""";
        (await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(join))).Dispose();
        (await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(join))).Dispose(); // a page reload

        var activities = (await ActivitiesAsync(conversationId, token))["activities"]!.AsArray();
        var botReplies = activities.Where(a => a!["from"]!["role"]!.GetValue<string>() == "bot").ToList();
        var welcome = Assert.Single(botReplies);
        Assert.Equal("Recruitment advisor", CardText.Title(welcome!["attachments"]![0]!["content"]!.AsObject()));
        Assert.Equal(3, activities.Count); // two echoed events and one welcome
    }

    [Fact]
    public async Task ReloadedPage_ResumesItsConversation_WithAnExpiredOrFreshToken()
    {
        var first = await PageTokenAsync();
        var token = first["token"]!.GetValue<string>();
        using (var client = Client(token))
        {
            (await client.PostAsync($"{Base}/conversations", null)).Dispose();
        }

        var resumed = await PageTokenAsync(token);
        Assert.Equal(first["conversationId"]!.GetValue<string>(), resumed["conversationId"]!.GetValue<string>());
        Assert.Equal(first["userId"]!.GetValue<string>(), resumed["userId"]!.GetValue<string>());
        Assert.NotEqual(token, resumed["token"]!.GetValue<string>());

        // A token that is not ours starts a new conversation instead of failing the page.
        var fresh = await PageTokenAsync("not-a-token");
        Assert.NotEqual(first["conversationId"]!.GetValue<string>(), fresh["conversationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconnect_KnownOrUnknownConversation_GivesAFreshTokenAndStreamUrlWithTheWatermarkOr404()
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        using var response = await client.GetAsync($"{Base}/conversations/{conversationId}?watermark=0");
        var (status, body) = await Read(response);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("watermark=0", body!["streamUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(body["token"]!.GetValue<string>()));

        using var secret = Client(AdvisorBotApp.DirectLineSecret);
        using var unknown = await secret.GetAsync($"{Base}/conversations/does-not-exist?watermark=");
        var (unknownStatus, unknownBody) = await Read(unknown);
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
        Assert.Equal("NotFound", unknownBody!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secret_GeneratesAndRefreshesTokens_ButATokenCannotGenerate()
    {
        using var secret = Client(AdvisorBotApp.DirectLineSecret);
        using var generated = await secret.PostAsync($"{Base}/tokens/generate", Json("""{"user":{"id":"alice","name":"Alice"}}"""));
        var (status, body) = await Read(generated);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = body!["token"]!.GetValue<string>();

        using var tokenClient = Client(token);
        using var refreshed = await tokenClient.PostAsync($"{Base}/tokens/refresh", null);
        var (refreshStatus, refreshBody) = await Read(refreshed);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.Equal(body["conversationId"]!.GetValue<string>(), refreshBody!["conversationId"]!.GetValue<string>());
        Assert.NotEqual(token, refreshBody["token"]!.GetValue<string>());

        using var notAllowed = await tokenClient.PostAsync($"{Base}/tokens/generate", null);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "Unauthorized")]
    [InlineData("undefined", HttpStatusCode.Unauthorized, "Unauthorized")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoieCJ9.c2lnbmF0dXJl", HttpStatusCode.Forbidden, "Forbidden")]
    [InlineData("a-wrong-secret-of-sufficient-length-000", HttpStatusCode.Forbidden, "Forbidden")]
    public async Task DirectLineEndpoints_WrongOrMissingCredentials_AreRefusedInTheErrorShape(string? bearer, HttpStatusCode expected, string code)
    {
        var (conversationId, _, _) = await StartAsync();
        using var client = Client(bearer);
        foreach (var response in new[]
                 {
                     await client.GetAsync($"{Base}/conversations/{conversationId}/activities?watermark="),
                     await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(Message("hallo", "c"))),
                     await client.PostAsync($"{Base}/conversations", null),
                 })
        {
            var (status, body) = await Read(response);
            Assert.Equal(expected, status);
            Assert.Equal(code, body!["error"]!["code"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["error"]!["message"]!.GetValue<string>()));
            response.Dispose();
        }
    }

    [Fact]
    public async Task DirectLineEndpoints_TokenForConversationA_CannotReadPostOrReconnectToConversationB()
    {
        var (a, tokenA, _) = await StartAsync();
        var (b, tokenB, _) = await StartAsync();
        using (var clientB = Client(tokenB))
        {
            (await clientB.PostAsync($"{Base}/conversations/{b}/activities", Json(Message("Hoe schaars zijn ze?", "b-1")))).Dispose();
        }

        using var clientA = Client(tokenA);
        using var read = await clientA.GetAsync($"{Base}/conversations/{b}/activities?watermark=");
        using var post = await clientA.PostAsync($"{Base}/conversations/{b}/activities", Json(Message("hallo", "a-1")));
        using var reconnect = await clientA.GetAsync($"{Base}/conversations/{b}?watermark=");
        foreach (var response in new[] { read, post, reconnect })
        {
            var (status, body) = await Read(response);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("Forbidden", body!["error"]!["code"]!.GetValue<string>());
        }

        Assert.Equal(2, (await ActivitiesAsync(b, tokenB))["activities"]!.AsArray().Count); // nothing from A got in
        Assert.Empty((await ActivitiesAsync(a, tokenA))["activities"]!.AsArray());
    }

    [Theory]
    [InlineData("{\"type\":\"message\",", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("[]", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("{\"text\":\"no type\"}", HttpStatusCode.BadRequest, "BadArgument")]
    [InlineData("{\"type\":\"message\",\"text\":\"with a file\",\"attachments\":[{\"contentType\":\"image/png\",\"contentUrl\":\"blob:x\"}]}", HttpStatusCode.BadRequest, "BadArgument")]
    public async Task MalformedOrUnsupportedActivities_Get400InTheErrorShape_AndLeaveTheLogAlone(string body, HttpStatusCode expected, string code)
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        using var response = await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(body));
        var (status, error) = await Read(response);
        Assert.Equal(expected, status);
        Assert.Equal(code, error!["error"]!["code"]!.GetValue<string>());
        Assert.Empty((await ActivitiesAsync(conversationId, token))["activities"]!.AsArray());
    }

    [Fact]
    public async Task PostActivity_BodyOver256KB_IsRefusedWith413()
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        var big = "{\"type\":\"message\",\"text\":\"x\",\"channelData\":{\"padding\":\"" + new string('a', 300 * 1024) + "\"}}";
        using var response = await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(big));
        var (status, error) = await Read(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("MessageSizeTooBig", error!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_AnyRequest_IsRefusedWithAClearMessage()
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        using var form = new MultipartFormDataContent { { new StringContent("{}"), "activity" } };
        using var response = await client.PostAsync($"{Base}/conversations/{conversationId}/upload?userId=u", form);
        var (status, error) = await Read(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("attachments", error!["error"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BadWatermark_Is400_NotA5xxThatWouldStopPolling()
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        using var response = await client.GetAsync($"{Base}/conversations/{conversationId}/activities?watermark=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Posting_IsRateLimitedPerToken_With429AndRetryAfter()
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 14 && limited is null; i++)
        {
            var response = await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json("""{"type":"typing"}"""));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK)); // the burst
        Assert.True(limited!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("TooManyRequests", (await Read(limited)).Body!["error"]!["code"]!.GetValue<string>());
        limited.Dispose();

        // Another conversation's token is not affected.
        var (other, otherToken, _) = await StartAsync();
        using var otherClient = Client(otherToken);
        using var ok = await otherClient.PostAsync($"{Base}/conversations/{other}/activities", Json("""{"type":"typing"}"""));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task WebSocketStream_SendsHistoryAfterTheWatermark_ThenLiveActivities_AsActivitySets()
    {
        var (conversationId, token, _) = await StartAsync();
        using var client = Client(token);
        (await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(Message("Hoe schaars zijn ze?", "h-1")))).Dispose();

        var ws = app.Server.CreateWebSocketClient();
        using var socket = await ws.ConnectAsync(new Uri(app.Server.BaseAddress, $"{Base}/conversations/{conversationId}/stream?t={Uri.EscapeDataString(token)}&watermark=1"), CancellationToken.None);
        var history = await ReceiveSetAsync(socket);
        var missed = Assert.Single(history["activities"]!.AsArray()); // only the bot's reply after watermark 1
        Assert.Equal("bot", missed!["from"]!["role"]!.GetValue<string>());
        Assert.Equal("2", history["watermark"]!.GetValue<string>());

        (await client.PostAsync($"{Base}/conversations/{conversationId}/activities", Json(Message("What salary should we offer?", "h-2", "en-US")))).Dispose();
        var live = new List<JsonNode>();
        while (live.Count < 2)
        {
            live.AddRange((await ReceiveSetAsync(socket))["activities"]!.AsArray().Select(a => a!.DeepClone()));
        }

        Assert.Equal("h-2", live[0]["channelData"]!["clientActivityID"]!.GetValue<string>());
        Assert.Equal(live[0]["id"]!.GetValue<string>(), live[1]["replyToId"]!.GetValue<string>());
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task Stream_WrongToken_IsRefusedBeforeUpgrading()
    {
        var (conversationId, _, _) = await StartAsync();
        var (_, otherToken, _) = await StartAsync();
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"{Base}/conversations/{conversationId}/stream?t={Uri.EscapeDataString(otherToken)}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>Reads frames until a non-empty one (empty frames are keep-alives) and parses it.</summary>
    private static async Task<JsonObject> ReceiveSetAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            var buffer = new byte[16 * 1024];
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (frame.Length > 0)
            {
                var set = Assert.IsType<JsonObject>(JsonNode.Parse(frame.ToArray()));
                Assert.NotNull(set["activities"]);
                return set;
            }
        }
    }
}
