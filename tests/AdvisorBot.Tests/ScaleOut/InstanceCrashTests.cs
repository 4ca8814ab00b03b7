using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using AdvisorBot.Tests.State;
using Xunit.Abstractions;

namespace AdvisorBot.Tests.ScaleOut;

/// <summary>
/// Two service processes on one redis-server; a Direct Line client streams from A and posts, A is killed with
/// SIGKILL mid-conversation, the client reconnects to B with its last watermark and goes on (retrying a post that
/// failed). Counts what was sent, received, lost and duplicated.
/// </summary>
public sealed class InstanceCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 30;
    private const int KillAfter = 12;
    private readonly RedisServer _redis = new();
    private ServiceProcess _a = null!;
    private ServiceProcess _b = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            ["State:Provider"] = "Redis",
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["State:KeyPrefix"] = "crash-test:",
            ["DirectLine:PostsPerMinute"] = "600",
            ["DirectLine:PostBurst"] = "100",
            ["DirectLine:KeepAliveInterval"] = "00:00:05",
        };
        var starting = new[] { ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings) };
        _a = await starting[0];
        _b = await starting[1];
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task KillingTheInstanceAClientStreamsFrom_LosesNoTurn_AndTheClientSeesNoDuplicate()
    {
        using var page = new HttpClient { BaseAddress = new Uri(_a.BaseUrl) };
        var grant = (await (await page.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var token = grant["token"]!.GetValue<string>();
        var conversation = grant["conversationId"]!.GetValue<string>();
        HttpClient Client(ServiceProcess service)
        {
            var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }

        using (var start = Client(_a))
        {
            (await start.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
        }

        var received = new ConcurrentQueue<JsonObject>();
        using var stop = new CancellationTokenSource();
        var streamA = StreamAsync(_a, conversation, token, "", received, stop.Token);
        var (retries, failed) = (0, 0);
        var current = _a;
        for (var i = 0; i < Messages; i++)
        {
            if (i == KillAfter)
            {
                // Killed while this message's post is in flight: the turn may be cut anywhere.
                _ = Task.Delay(15).ContinueWith(_ => _a.Kill(), TaskScheduler.Default);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var http = Client(current);
                    using var posted = await http.PostAsync($"/v3/directline/conversations/{conversation}/activities", Message($"waar vind ik ze? ({i})", $"m-{i}"));
                    posted.EnsureSuccessStatusCode();
                    break;
                }
                catch (HttpRequestException) when (attempt < 5)
                {
                    retries++;
                    current = _b; // the client's retry goes to the instance that is still there
                    await Task.Delay(200);
                }
                catch (HttpRequestException)
                {
                    failed++;
                    break;
                }
            }

            if (i == KillAfter + 1)
            {
                // The stream on A is gone: reconnect to B from the last watermark the client saw.
                var watermark = received.Select(a => Position(a)).DefaultIfEmpty(-1).Max() + 1;
                _ = StreamAsync(_b, conversation, token, watermark.ToString(System.Globalization.CultureInfo.InvariantCulture), received, stop.Token);
            }

            await Task.Delay(50);
        }

        for (var wait = 0; wait < 100 && received.Count(a => IsBot(a)) < Messages; wait++)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        var all = received.ToList();
        var ids = all.Select(a => a["id"]!.GetValue<string>()).ToList();
        var positions = ids.Distinct().Select(id => int.Parse(id.Split('|')[1], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var repliesPerMessage = Enumerable.Range(0, Messages).ToDictionary(i => i, i => all.Where(IsBot).Count(a => ReplyTo(a, all) == $"m-{i}"));
        var echoes = all.Where(a => !IsBot(a)).Select(a => a["channelData"]?["clientActivityID"]?.GetValue<string>()).ToList();
        var lost = repliesPerMessage.Count(kv => kv.Value == 0);
        var duplicateIds = ids.Count - ids.Distinct().Count();
        var duplicateMessages = echoes.Count - echoes.Distinct().Count();
        output.WriteLine($"sent {Messages}, retried {retries}, failed {failed}; received {ids.Distinct().Count()} activities ({all.Count(IsBot)} bot replies); " +
            $"lost turns {lost}; duplicate activity ids {duplicateIds}; messages recorded twice {duplicateMessages}; positions contiguous {positions.SequenceEqual(Enumerable.Range(0, positions.Count))}");

        Assert.Equal(0, failed);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicateIds);
        Assert.Equal(Enumerable.Range(0, positions.Count), positions); // contiguous watermarks, nothing skipped
        _ = streamA;
    }

    private static bool IsBot(JsonObject activity) => activity["from"]?["role"]?.GetValue<string>() == "bot";

    private static int Position(JsonObject activity) =>
        int.Parse(activity["id"]!.GetValue<string>().Split('|')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The clientActivityID of the message a bot reply answers.</summary>
    private static string? ReplyTo(JsonObject reply, List<JsonObject> all)
    {
        var to = reply["replyToId"]?.GetValue<string>();
        return all.FirstOrDefault(a => a["id"]?.GetValue<string>() == to)?["channelData"]?["clientActivityID"]?.GetValue<string>();
    }

    private static StringContent Message(string text, string clientActivityId) => new(new JsonObject
    {
        ["type"] = "message", ["from"] = new JsonObject { ["id"] = "u", ["role"] = "user" }, ["locale"] = "nl-NL", ["text"] = text,
        ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
    }.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Receives activity sets from a stream until it breaks or the test is done.</summary>
    private static async Task StreamAsync(ServiceProcess service, string conversation, string token, string watermark, ConcurrentQueue<JsonObject> received, CancellationToken stop)
    {
        using var socket = new ClientWebSocket();
        var url = $"{service.BaseUrl.Replace("http", "ws", StringComparison.Ordinal)}/v3/directline/conversations/{conversation}/stream?t={Uri.EscapeDataString(token)}&watermark={watermark}";
        await socket.ConnectAsync(new Uri(url), stop);
        var buffer = new byte[64 * 1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var frame = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, stop);
                    frame.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (frame.Length > 0 && JsonNode.Parse(frame.ToArray())?["activities"] is JsonArray set)
                {
                    foreach (var activity in set.OfType<JsonObject>())
                    {
                        received.Enqueue((JsonObject)activity.DeepClone());
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // A killed instance cuts the stream; the test is done with it.
        }
    }
}
