using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace AdvisorBot.Tests.Channels.WebChat;

/// <summary>
/// The page's token endpoint under a flood: a client address gets its burst and then 429 with Retry-After (in the
/// Direct Line error shape), and a conversation nobody posted to is not kept for days.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WebChatTokenTests(AdvisorBotApp app)
{
    [Fact]
    public async Task IssueToken_FloodFromOneAddress_IsLimitedWith429AndRetryAfter()
    {
        await using var host = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("DirectLine:TokenRequestBurst", "10");
            b.UseSetting("DirectLine:TokenRequestsPerMinute", "6");
        });
        using var client = host.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 50; i++)
        {
            var response = await client.PostAsync("/api/webchat/token", null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(refused!.Headers.RetryAfter);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("TooManyRequests", error["error"]!["code"]!.GetValue<string>());
        refused.Dispose();
    }

    [Fact]
    public async Task IssueToken_ConversationNobodyPostsTo_IsForgottenSoon_AndAUsedOneIsKept()
    {
        await using var host = app.WithWebHostBuilder(b => b.UseSetting("DirectLine:UnusedConversationTimeToLive", "00:00:01"));
        using var client = host.CreateClient();
        async Task<(string Id, string Token)> TokenAsync()
        {
            using var response = await client.PostAsync("/api/webchat/token", null);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return (body["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>());
        }

        async Task<HttpStatusCode> ReconnectAsync((string Id, string Token) conversation)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversation.Id}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", conversation.Token);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var unused = await TokenAsync();
        var used = await TokenAsync();
        using (var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{used.Id}/activities")
        {
            Content = new StringContent("""{"type":"message","text":"hallo","from":{"id":"u"}}""", Encoding.UTF8, "application/json"),
        })
        {
            post.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", used.Token);
            using var posted = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.NotFound, await ReconnectAsync(unused));
        Assert.Equal(HttpStatusCode.OK, await ReconnectAsync(used));
    }
}
