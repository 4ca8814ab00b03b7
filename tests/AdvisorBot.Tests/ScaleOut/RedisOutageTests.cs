using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AdvisorBot.Tests.Channels.DirectLine;
using AdvisorBot.Tests.State;

namespace AdvisorBot.Tests.ScaleOut;

/// <summary>Redis goes away under a running instance and comes back: 503 with Retry-After meanwhile, full service after, no restart.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private LiveAdvisorBot _service = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _service = LiveAdvisorBot.With(TwoInstancesTests.Settings(_redis));
        await _service.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task RedisDown_TurnsAnswer503WithRetryAfter_LiveStaysUp_AndServiceReturnsWhenRedisIsBack()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_service.BaseUrl) };
        var page = (await (await http.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var token = page["token"]!.GetValue<string>();
        var conversation = page["conversationId"]!.GetValue<string>();
        using var directLine = new HttpClient { BaseAddress = new Uri(_service.BaseUrl) };
        directLine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await directLine.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message("hoe schaars zijn ze?", "outage"))).StatusCode);

        await _redis.StopAsync();

        using var turn = await http.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message("en wat verdienen ze?", "outage"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, turn.StatusCode);
        Assert.True(turn.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await turn.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(503, problem!["status"]!.GetValue<int>());
        Assert.DoesNotContain("StackExchange", problem.ToJsonString(), StringComparison.Ordinal);

        using var post = await directLine.PostAsync($"/v3/directline/conversations/{conversation}/activities",
            new StringContent("""{"type":"message","text":"hoi","from":{"id":"u"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.NotNull(post.Headers.RetryAfter);
        Assert.Equal("ServiceUnavailable", (await post.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz/ready")).StatusCode);

        await _redis.StartAsync();
        HttpStatusCode ready = 0;
        for (var i = 0; i < 100 && ready != HttpStatusCode.OK; i++)
        {
            await Task.Delay(100);
            ready = (await http.GetAsync("/healthz/ready")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, ready);
        using var after = await http.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message("en wat verdienen ze?", "outage-after"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Salaris", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
