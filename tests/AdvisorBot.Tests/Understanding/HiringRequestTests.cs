using System.Globalization;
using AdvisorBot.Understanding;
using System.Net.Http.Json;
using AdvisorBot.Protocol;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdvisorBot.Tests.Understanding;

[Collection(AppCollection.Name)]
public sealed class HiringRequestTests(AdvisorBotApp app)
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T10:00:00Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("ik moet 3 senior developers voor 1 maart hebben", "nl", 3, "2027-03-01")]
    [InlineData("we need two developers within three months", "en", 2, "2027-03-01")]
    [InlineData("Wij moeten binnen 6 weken 2 ontwikkelaars aannemen", "nl", 2, "2027-01-12")]
    [InlineData("we have to hire 5 developers before 1 April", "en", 5, "2027-04-01")]
    [InlineData("ik heb vier programmeurs nodig voor 15 januari", "nl", 4, "2027-01-15")]
    public void ReadHiringRequest_CountAndDeadline_AreRead(string text, string language, int count, string deadline)
    {
        var request = app.Services.GetRequiredService<QuantityRecognizer>().ReadHiringRequest(text, language, Now);
        Assert.NotNull(request);
        Assert.Equal(count, request.Count);
        Assert.Equal(DateOnly.Parse(deadline, CultureInfo.InvariantCulture), request.Deadline);
    }

    [Theory]
    [InlineData("wij bieden € 4.200 per maand bij 36 uur", "nl")]
    [InlineData("hoe schaars zijn ze?", "nl")]
    [InlineData("we need developers", "en")]
    [InlineData("is a 40 minute commute ok?", "en")]
    [InlineData("ik moet 3 developers hebben", "nl")]
    public void ReadHiringRequest_WithoutNeedNumberOrFutureDeadline_IsNull(string text, string language) =>
        Assert.Null(app.Services.GetRequiredService<QuantityRecognizer>().ReadHiringRequest(text, language, Now));

    [Theory]
    [InlineData("ik moet 3 senior developers voor 1 maart hebben", "nl-NL", "Haalbaarheid: 3 ×", "13 weken", "Zeer moeilijk")]
    [InlineData("we need two developers within three months", "en-US", "Feasibility: 2 ×", "13 weeks", "Very difficult")]
    public async Task AHiringNeed_GetsTheExpectationCard_WithTheReportsFigures(string text, string locale, string title, string weeks, string feasibility)
    {
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))));
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message(text, Guid.NewGuid().ToString("N"), locale));
        var replies = (await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ExpectedReplies))!.Activities;
        var card = Assert.IsType<System.Text.Json.Nodes.JsonObject>(Assert.Single(replies).Attachments![0].Content);
        var all = CardText.Of(card);
        Assert.StartsWith(title, CardText.Title(card), StringComparison.Ordinal);
        Assert.Contains(weeks, all, StringComparison.Ordinal);
        Assert.Contains(feasibility, all, StringComparison.Ordinal);
        Assert.Contains("5 : 1", all, StringComparison.Ordinal);
        Assert.Contains("15%", all, StringComparison.Ordinal);
        Assert.Contains("67%", all, StringComparison.Ordinal);
        Assert.Contains("52%", all, StringComparison.Ordinal); // latent seekers: target them
    }
}
