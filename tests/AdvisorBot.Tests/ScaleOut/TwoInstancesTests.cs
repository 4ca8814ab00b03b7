using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using AdvisorBot.Tests.Channels.DirectLine;
using AdvisorBot.Tests.State;

namespace AdvisorBot.Tests.ScaleOut;

/// <summary>
/// Two service instances on two real ports sharing one real redis-server (<c>State:Provider=Redis</c>), with no
/// sticky sessions: any request may go to either, as behind a round-robin proxy.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private LiveAdvisorBot _a = null!;
    private LiveAdvisorBot _b = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _a = LiveAdvisorBot.With(Settings(_redis));
        _b = LiveAdvisorBot.With(Settings(_redis));
        await _a.InitializeAsync();
        await _b.InitializeAsync();
    }

    public static Dictionary<string, string?> Settings(RedisServer redis) => new()
    {
        ["State:Provider"] = "Redis",
        ["ConnectionStrings:Redis"] = redis.ConnectionString,
        ["State:KeyPrefix"] = "scaleout-test:",
    };

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static async Task<JsonObject> AskAsync(LiveAdvisorBot host, string text, string conversation, string locale = "nl-NL")
    {
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message(text, conversation, locale));
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!;
    }

    [Fact]
    public async Task FollowUp_ThroughB_KeepsTheContextOfAQuestionThroughA()
    {
        var conversation = "follow-up-" + Guid.NewGuid().ToString("N");
        Assert.Equal("Schaarste", CardText.Title(await AskAsync(_a, "hoe schaars zijn ze?", conversation)));
        var english = await AskAsync(_b, "and in English?", conversation, "en-US");
        Assert.Equal("Scarcity", CardText.Title(english));
        Assert.Equal("Salary: IT developer", CardText.Title(await AskAsync(_a, "and what do they earn?", conversation, "en-US")));
    }

    private static HttpClient Client(LiveAdvisorBot host, string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static StringContent Message(string text, string clientActivityId) => new(new JsonObject
    {
        ["type"] = "message", ["from"] = new JsonObject { ["id"] = "u", ["role"] = "user" }, ["locale"] = "nl-NL", ["text"] = text,
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
    }.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>The page's token from <paramref name="host"/> and the conversation it names.</summary>
    private static async Task<(string Conversation, string Token)> StartAsync(LiveAdvisorBot host)
    {
        using var http = Client(host);
        var page = (await (await http.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var token = page["token"]!.GetValue<string>();
        using var start = await Client(host, token).PostAsync("/v3/directline/conversations", null);
        start.EnsureSuccessStatusCode();
        return (page["conversationId"]!.GetValue<string>(), token);
    }

    [Fact]
    public async Task WebChatConversation_StartedOnA_ContinuesOnB_WithTheWholeHistory()
    {
        var (conversation, token) = await StartAsync(_a);
        (await Client(_a, token).PostAsync($"/v3/directline/conversations/{conversation}/activities", Message("Hoe schaars zijn ze?", "a-1"))).EnsureSuccessStatusCode();
        var fromA = await Client(_a, token).GetStringAsync($"/v3/directline/conversations/{conversation}/activities?watermark=");

        // The page reloads and its requests land on B: the token (signed with the key both share) reads the same history.
        var fromB = await Client(_b, token).GetStringAsync($"/v3/directline/conversations/{conversation}/activities?watermark=");
        Assert.Equal(fromA, fromB);
        using var posted = await Client(_b, token).PostAsync($"/v3/directline/conversations/{conversation}/activities", Message("en wat verdienen ze?", "b-1"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var all = JsonNode.Parse(await Client(_a, token).GetStringAsync($"/v3/directline/conversations/{conversation}/activities?watermark="))!;
        var activities = all["activities"]!.AsArray();
        Assert.Equal(4, activities.Count);
        Assert.Equal(["0000000", "0000001", "0000002", "0000003"], activities.Select(a => a!["id"]!.GetValue<string>().Split('|')[1]));
        Assert.Contains("Salaris", activities[3]!.ToJsonString(), StringComparison.Ordinal); // the follow-up kept its context
    }

    [Fact]
    public async Task WebSocketOnA_ReceivesTheReplyToAMessagePostedThroughB_Within100Ms()
    {
        var (conversation, token) = await StartAsync(_a);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"{_a.BaseUrl.Replace("http", "ws", StringComparison.Ordinal)}/v3/directline/conversations/{conversation}/stream?t={Uri.EscapeDataString(token)}"), CancellationToken.None);
        var latencies = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var receiving = ReceiveReplyAsync(socket);
            using var posted = await Client(_b, token).PostAsync($"/v3/directline/conversations/{conversation}/activities", Message("waar vind ik ze?", $"ws-{i}"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            var postedAt = clock.Elapsed;
            await receiving.WaitAsync(TimeSpan.FromSeconds(10));
            latencies.Add((clock.Elapsed - postedAt).TotalMilliseconds); // negative: the reply came before B's answer did
        }

        Assert.All(latencies, ms => Assert.True(ms < 100, $"reply reached A's socket {ms:0} ms after B answered the post"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    /// <summary>Reads activity sets until one holds a bot reply.</summary>
    private static async Task ReceiveReplyAsync(WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            if (frame.Length > 0 && JsonNode.Parse(frame.ToArray())?["activities"] is JsonArray set
                && set.Any(a => a?["from"]?["role"]?.GetValue<string>() == "bot"))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Twelve tabs of one user click at once: the user's lock lets them through one at a time, and a click that waits
    /// past the lock's budget gets 503 with Retry-After (nothing applied, nothing lost), which a channel retries.
    /// </summary>
    private static async Task<HttpResponseMessage> PostRetryingBusyAsync(HttpClient http, JsonObject activity)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await http.PostAsJsonAsync("/api/messages", activity);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response;
            }

            Assert.NotNull(response.Headers.RetryAfter);
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
        }
    }

    [Fact]
    public async Task ChecklistClicks_FromAAndBAtOnce_LoseNothing()
    {
        var user = "clicker-" + Guid.NewGuid().ToString("N");
        var notes = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async c =>
        {
            var conversation = $"tab-{c}-{Guid.NewGuid():N}";
            for (var k = 0; k < 4; k++)
            {
                var step = ((c + k) % 6) + 1;
                var click = AdvisorBotApp.Message("", conversation);
                click["channelId"] = "webchat";
                click["from"]!["id"] = user;
                click["value"] = new JsonObject { ["advisorbot"] = "checklist", ["action"] = "done", ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = $"n{c}.{k}" };
                using var http = Client(c % 2 == 0 ? _a : _b);
                using var response = await PostRetryingBusyAsync(http, click);
                response.EnsureSuccessStatusCode();
                var text = CardText.Of(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!);
                Assert.Contains("Stap", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Er ging iets mis", text, StringComparison.Ordinal);
                notes[step] = "seen";
            }
        }));

        // Every step both instances marked done is done, read through either instance's store.
        foreach (var host in new[] { _a, _b })
        {
            var slot = ChecklistSlots.Progress($"webchat:{user}", "it-ontwikkelaar-senior-nl-2020");
            var item = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IStateStore>(host.Services).ReadAsync(slot.Key);
            var progress = System.Text.Json.JsonSerializer.Deserialize(item!.Value.Span, slot.Json)!;
            Assert.All(Enumerable.Range(1, 6), step => Assert.Equal(StepStatus.Done, progress.Steps[step].Status));
        }
    }

    [Fact]
    public async Task ForgetMe_ThroughB_ErasesWhatTheUserLeftThroughA_FromRedis()
    {
        const string marker = "kievitsei4417";
        var user = "forget-" + Guid.NewGuid().ToString("N");
        var conversation = "forget-" + Guid.NewGuid().ToString("N");
        JsonObject Say(string text)
        {
            var message = AdvisorBotApp.Message(text, conversation);
            message["from"]!["id"] = user;
            return message;
        }

        using var a = Client(_a);
        using var b = Client(_b);
        (await a.PostAsJsonAsync("/api/messages", Say($"hoe schaars zijn ze voor {marker}?"))).EnsureSuccessStatusCode();
        var click = Say("");
        click["value"] = new JsonObject { ["advisorbot"] = "checklist", ["action"] = "done", ["step"] = "1", ["note"] = $"notitie {marker}" };
        (await a.PostAsJsonAsync("/api/messages", click)).EnsureSuccessStatusCode();
        Assert.Contains(await RedisValuesAsync(), v => v.Contains(marker, StringComparison.Ordinal));

        using var forgot = await b.PostAsJsonAsync("/api/messages", Say("delete my data"));
        Assert.Contains("erased", await forgot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await RedisValuesAsync(), v => v.Contains(marker, StringComparison.Ordinal) || v.Contains(user, StringComparison.Ordinal));
    }

    /// <summary>Every key and value under the test prefix, as text.</summary>
    private async Task<List<string>> RedisValuesAsync()
    {
        using var connection = _redis.Connect();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var database = connection.GetDatabase();
        var texts = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "scaleout-test:*"))
        {
            texts.Add(key.ToString());
            var type = await database.KeyTypeAsync(key);
            if (type == StackExchange.Redis.RedisType.Hash)
            {
                texts.AddRange((await database.HashGetAllAsync(key)).Select(e => e.Value.ToString()));
            }
            else if (type == StackExchange.Redis.RedisType.String)
            {
                texts.Add((await database.StringGetAsync(key)).ToString());
            }
        }

        return texts;
    }
}
