using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Reliability;

/// <summary>Every shape of <see cref="HostileShapes"/> through /api/messages and through Direct Line: never a 5xx, and the conversation goes on.</summary>
[Collection(AppCollection.Name)]
public sealed class HostileInputTests(AdvisorBotApp app)
{
    public static TheoryData<string> CaseNames() => [.. HostileShapes.Cases("x").Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task PostActivity_HostileShape_IsAnsweredWithout5xx(string name)
    {
        var conversation = "hostile-" + Guid.NewGuid().ToString("N");
        var json = HostileShapes.Cases(conversation).Single(c => c.Name == name).Json;
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // The conversation is not broken: the next ordinary question is answered.
        var card = await app.AskAsync("wat verdienen ze?", conversation);
        Assert.Contains("47.000", CardText.Of(card), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task DirectLinePost_HostileShape_IsAnsweredWithout5xx_AndPollsStillWork(string name)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdvisorBotApp.DirectLineSecret);
        using var start = await client.PostAsync("/v3/directline/conversations", null);
        var conversation = JsonNode.Parse(await start.Content.ReadAsStringAsync())!;
        var id = conversation["conversationId"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", conversation["token"]!.GetValue<string>());
        var json = HostileShapes.Cases(id).Single(c => c.Name == name).Json.Replace("\"channelId\":\"test\"", "\"channelId\":\"webchat\"", StringComparison.Ordinal);

        using var posted = await client.PostAsync($"/v3/directline/conversations/{id}/activities", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True((int)posted.StatusCode < 500, $"{name}: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");

        using var poll = await client.GetAsync($"/v3/directline/conversations/{id}/activities");
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        using var next = await client.PostAsync($"/v3/directline/conversations/{id}/activities",
            new StringContent("""{"type":"message","text":"wat verdienen ze?","from":{"id":"u"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        using var after = await client.GetAsync($"/v3/directline/conversations/{id}/activities");
        Assert.Contains("47.000", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostActivity_DeeperThanTheLimit_Is400NamingTheLimit()
    {
        var activity = HostileShapes.Message("deep-" + Guid.NewGuid().ToString("N"));
        activity["channelData"] = JsonNode.Parse(HostileShapes.Nested(40));
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 32 levels", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostActivity_NonCharacterInTheText_IsAnsweredAndTheStateKept()
    {
        var conversation = "odd-" + Guid.NewGuid().ToString("N");
        await app.AskAsync("wat verdienen junior developers in Rotterdam?", conversation);
        var json = HostileShapes.Message(conversation).ToJsonString().Replace("hoe schaars zijn ze?", "hoe schaars zijn ze \\ufffe", StringComparison.Ordinal);
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("schaars", CardText.Of(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!),
            StringComparison.OrdinalIgnoreCase);

        var item = await app.Services.GetRequiredService<IStateStore>().ReadAsync($"conversation/test/{conversation}");
        var state = System.Text.Json.JsonSerializer.Deserialize<ConversationState>(item!.Value.Span, CardText.Json)!;
        Assert.Equal("Rotterdam", state.AskedRegion);
        Assert.Equal(2, state.Turns);
    }
}
