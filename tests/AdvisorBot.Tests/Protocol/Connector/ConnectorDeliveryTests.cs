using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdvisorBot.Tests.Protocol.Connector;

/// <summary>
/// Normal delivery: the bot answers the POST with 200 and sends its reply to the channel's Connector. A Kestrel server
/// on loopback plays the Connector (the real one is Azure's), speaking its wire format: POST
/// v3/conversations/{id}/activities/{replyToId} → 201 { id }.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConnectorDeliveryTests(AdvisorBotApp app)
{
    private sealed record Received(string Path, string? Authorization, JsonObject Body);

    [Fact]
    public async Task Post_NormalDelivery_RepliesToTheConnectorWithEncodedIds()
    {
        var received = new List<Received>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var connector = builder.Build();
        connector.MapPost("/amer/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext http) =>
        {
            var body = await http.Request.ReadFromJsonAsync<JsonObject>();
            lock (received)
            {
                received.Add(new Received(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget, http.Request.Headers.Authorization.FirstOrDefault(), body!));
            }

            return Results.Json(new { id = "reply-1" }, statusCode: 201);
        });
        await connector.StartAsync();
        var serviceUrl = connector.Urls.First() + "/amer/";

        var teamsConversation = "19:abc@thread.tacv2;messageid=1795474954522";
        var activity = AdvisorBotApp.Message("hoe schaars zijn ze?", teamsConversation, id: "1795474954522");
        activity.Remove("deliveryMode");
        activity["serviceUrl"] = serviceUrl;
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(received);
        Assert.Equal("/amer/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D1795474954522/activities/1795474954522", reply.Path);
        Assert.Null(reply.Authorization);
        Assert.Equal("message", reply.Body["type"]!.GetValue<string>());
        Assert.Equal("1795474954522", reply.Body["replyToId"]!.GetValue<string>());
        Assert.Equal(teamsConversation, reply.Body["conversation"]!["id"]!.GetValue<string>());
        Assert.Contains("Zeer schaars", CardText.Of(reply.Body["attachments"]![0]!["content"]!), StringComparison.Ordinal);
        await connector.StopAsync();
    }

    [Fact]
    public async Task Post_ConnectorUnreachable_IsAcceptedAndLeftToTheOutbox()
    {
        var activity = AdvisorBotApp.Message("hoe schaars zijn ze?", "conv-" + Guid.NewGuid().ToString("N"));
        activity.Remove("deliveryMode");
        activity["serviceUrl"] = "http://127.0.0.1:9/";
        using var client = app.CreateClient();
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"acknowledged after {started.Elapsed}");
    }

    [Fact]
    public async Task Post_ConnectorAsksToWait_IsAcknowledgedWithin5sAndTheReplyFollows()
    {
        var received = new List<JsonObject>();
        var attempts = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var connector = builder.Build();
        connector.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext http) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                http.Response.Headers.RetryAfter = "8";
                return Results.StatusCode(429);
            }

            var body = await http.Request.ReadFromJsonAsync<JsonObject>();
            lock (received)
            {
                received.Add(body!);
            }

            return Results.Json(new { id = "reply-1" }, statusCode: 201);
        });
        await connector.StartAsync();

        var activity = AdvisorBotApp.Message("hoe schaars zijn ze?", "wait-" + Guid.NewGuid().ToString("N"));
        activity.Remove("deliveryMode");
        activity["serviceUrl"] = connector.Urls.First() + "/";
        using var client = app.CreateClient();
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);

        // Teams gives up after 15 s and redelivers: the bot answers well before, and delivers later.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(7), $"acknowledged after {started.Elapsed}");
        for (var i = 0; i < 100 && received.Count == 0; i++)
        {
            await Task.Delay(250);
        }

        Assert.True(received.Count == 1, $"{received.Count} replies received after {attempts} attempts; {app.Services.GetRequiredService<ReplyOutbox>().Pending} waiting");
        Assert.Contains("Zeer schaars", CardText.Of(received[0]["attachments"]![0]!["content"]!), StringComparison.Ordinal);
        await connector.StopAsync();
    }
}
