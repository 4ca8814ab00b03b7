using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace AdvisorBot.Tests.Channels.Charts;

/// <summary>
/// Chart image URLs follow the address clients use: the configured public URL, else the request's own address,
/// and behind a trusted proxy its X-Forwarded-Proto and -Host. (The Web Chat test in Chromium runs the service on a
/// random port with no public URL set and asserts every chart image loads.)
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChartUrlTests(AdvisorBotApp app)
{
    private static async Task<List<string>> ImageUrlsAsync(HttpClient client, Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(AdvisorBotApp.Message("via welke kanalen zoeken ze werk?", "urls-" + Guid.NewGuid().ToString("N"))),
        };
        headers?.Invoke(request);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var card = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!;
        return [.. CardText.ImageUrls(card)];
    }

    [Fact]
    public async Task ChartUrl_NoPublicBaseUrl_IsTheRequestsAddress()
    {
        await using var host = app.WithWebHostBuilder(b => b.UseSetting("AdvisorBot:PublicBaseUrl", ""));
        using var client = host.CreateClient();
        var urls = await ImageUrlsAsync(client);
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.StartsWith("http://localhost/charts/", u, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChartUrl_BehindATrustedProxy_IsTheForwardedAddress()
    {
        await using var host = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("AdvisorBot:PublicBaseUrl", "");
            b.UseSetting("AdvisorBot:TrustForwardedHeaders", "true");
        });
        using var client = host.CreateClient();
        var urls = await ImageUrlsAsync(client, r =>
        {
            r.Headers.Add("X-Forwarded-Proto", "https");
            r.Headers.Add("X-Forwarded-Host", "advisorbot.intranet.example");
        });
        Assert.NotEmpty(urls);
        Assert.All(urls, u => Assert.StartsWith("https://advisorbot.intranet.example/charts/", u, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChartUrl_ForwardedHeadersNotTrusted_AreIgnored()
    {
        await using var host = app.WithWebHostBuilder(b => b.UseSetting("AdvisorBot:PublicBaseUrl", ""));
        using var client = host.CreateClient();
        var urls = await ImageUrlsAsync(client, r => r.Headers.Add("X-Forwarded-Host", "attacker.example"));
        Assert.All(urls, u => Assert.DoesNotContain("attacker.example", u, StringComparison.Ordinal));
    }
}
