using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Channels.DirectLine;

/// <summary>A restart of the service loses no Direct Line conversation: the log and the token key are in the SQLite file.</summary>
public sealed class ServiceRestartTests : IAsyncLifetime
{
    private readonly LiveAdvisorBot _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    [Fact]
    public async Task AfterARestart_TheSameTokenReadsTheWholeConversation_AndTheChatGoesOn()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_service.BaseUrl) };
        var page = (await (await http.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var conversationId = page["conversationId"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", page["token"]!.GetValue<string>());
        using var message = new StringContent("""{"type":"message","text":"Hoe schaars zijn ze?","from":{"id":"u"},"channelData":{"clientActivityID":"r-1"}}""", Encoding.UTF8, "application/json");
        (await http.PostAsync($"/v3/directline/conversations/{conversationId}/activities", message)).EnsureSuccessStatusCode();
        var before = (await http.GetFromJsonAsync<JsonObject>($"/v3/directline/conversations/{conversationId}/activities?watermark="))!;

        await _service.RestartAsync();

        var after = (await http.GetFromJsonAsync<JsonObject>($"/v3/directline/conversations/{conversationId}/activities?watermark="))!;
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal(2, after["activities"]!.AsArray().Count);

        // The chat goes on where it was: positions continue after the restart.
        using var followUp = new StringContent("""{"type":"message","text":"What salary should we offer?","from":{"id":"u"},"channelData":{"clientActivityID":"r-2"}}""", Encoding.UTF8, "application/json");
        using var posted = await http.PostAsync($"/v3/directline/conversations/{conversationId}/activities", followUp);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var more = (await http.GetFromJsonAsync<JsonObject>($"/v3/directline/conversations/{conversationId}/activities?watermark=2"))!;
        Assert.Equal(2, more["activities"]!.AsArray().Count);
        Assert.Equal("4", more["watermark"]!.GetValue<string>());
        Assert.Equal($"{conversationId}|0000002", more["activities"]![0]!["id"]!.GetValue<string>());
    }
}
