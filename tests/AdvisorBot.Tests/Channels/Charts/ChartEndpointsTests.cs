using System.Net;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Channels.Charts;

[Collection(AppCollection.Name)]
public sealed class ChartEndpointsTests(AdvisorBotApp app)
{
    private static string ArtifactsFolder => Path.Combine(AppContext.BaseDirectory, "test-artifacts", "charts");

    private async Task<string> ChartUrlAsync(string question, string locale)
    {
        var card = await app.AskAsync(question, "charts-" + Guid.NewGuid().ToString("N"), locale);
        var url = CardText.ImageUrls(card).First();
        Assert.StartsWith("http://localhost:3978/charts/it-ontwikkelaar-senior-nl-2020/", url, StringComparison.Ordinal);
        return new Uri(url).PathAndQuery;
    }

    [Theory]
    [InlineData("wat vinden ze belangrijk?", "nl-NL", "pull-factors.nl.png")]
    [InlineData("how many are actively looking?", "en-US", "search-activity.en.png")]
    [InlineData("hoe oud zijn ze en hoeveel vrouwen?", "nl-NL", "gender.nl.png")]
    public async Task Get_ChartFromACard_IsAPngWithCachingHeaders(string question, string locale, string expectedFile)
    {
        var path = await ChartUrlAsync(question, locale);
        Assert.Contains(expectedFile, path, StringComparison.Ordinal);
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(640, ReadInt32BigEndian(png, 16));
        Assert.InRange(ReadInt32BigEndian(png, 20), ChartImageRenderer.Height, 2 * ChartImageRenderer.Height); // horizontal bars grow with their labels
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
        var etag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        Directory.CreateDirectory(ArtifactsFolder);
        await File.WriteAllBytesAsync(Path.Combine(ArtifactsFolder, expectedFile), png);
    }

    [Fact]
    public async Task Get_TwiceTheScale_IsTwiceTheSize()
    {
        var path = await ChartUrlAsync("via welke kanalen zoeken ze een baan?", "nl-NL");
        var hiDpi = path.Replace(".nl.png", ".nl@2x.png", StringComparison.Ordinal);
        using var client = app.CreateClient();
        var png = await client.GetByteArrayAsync(hiDpi);
        Assert.Equal(1280, ReadInt32BigEndian(png, 16));
        Directory.CreateDirectory(ArtifactsFolder);
        await File.WriteAllBytesAsync(Path.Combine(ArtifactsFolder, "search-channels.nl@2x.png"), png);
    }

    [Theory]
    [InlineData("/charts/nobody/PullFactors/pull-factors.nl.png")]
    [InlineData("/charts/it-ontwikkelaar-senior-nl-2020/NoSuchIntent/pull-factors.nl.png")]
    [InlineData("/charts/it-ontwikkelaar-senior-nl-2020/PullFactors/no-such-chart.nl.png")]
    [InlineData("/charts/it-ontwikkelaar-senior-nl-2020/PullFactors/pull-factors.fr.png")]
    [InlineData("/charts/it-ontwikkelaar-senior-nl-2020/PullFactors/pull-factors.nl.gif")]
    public async Task Get_UnknownChart_Is404(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static int ReadInt32BigEndian(byte[] bytes, int offset) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset, 4));
}
