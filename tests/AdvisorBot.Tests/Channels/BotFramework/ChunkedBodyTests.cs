using System.Net;
using System.Text;
using AdvisorBot.Tests.Channels.DirectLine;

namespace AdvisorBot.Tests.Channels.BotFramework;

/// <summary>Bodies without a Content-Length on a real Kestrel: the server's request-size limit answers, never a 5xx.</summary>
public sealed class ChunkedBodyTests(LiveAdvisorBot service) : IClassFixture<LiveAdvisorBot>
{
    /// <summary>Sends the body in chunks, so no Content-Length can be checked up front.</summary>
    private sealed class ChunkedContent(string body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            for (var i = 0; i < bytes.Length; i += 16 * 1024)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(16 * 1024, bytes.Length - i)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private async Task<(HttpStatusCode Status, string Body)> PostChunkedAsync(string path, string json, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        using var content = new ChunkedContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ChunkedBodyOver256KB_Returns413ProblemDetails()
    {
        var activity = AdvisorBotApp.Message("hallo", "chunked-" + Guid.NewGuid().ToString("N"));
        activity["channelData"] = new System.Text.Json.Nodes.JsonObject { ["padding"] = new string('x', 300_000) };
        var (status, body) = await PostChunkedAsync("/api/messages", activity.ToJsonString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("Activity too large", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedBodyUnderTheLimit_IsAnswered()
    {
        var (status, body) = await PostChunkedAsync("/api/messages", AdvisorBotApp.Message("hoe schaars zijn ze?", "chunked-" + Guid.NewGuid().ToString("N")).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("AdaptiveCard", body, StringComparison.Ordinal);
    }
}
