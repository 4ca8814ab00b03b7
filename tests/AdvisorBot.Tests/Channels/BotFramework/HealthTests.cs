using System.Net;

namespace AdvisorBot.Tests.Channels.BotFramework;

/// <summary>The probes a container platform uses: live answers as soon as the process does; ready when knowledge, models and store are there.</summary>
[Collection(AppCollection.Name)]
public sealed class HealthTests(AdvisorBotApp app)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task Health_Probe_IsHealthy(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
