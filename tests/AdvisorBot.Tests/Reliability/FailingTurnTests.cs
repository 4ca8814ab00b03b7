using System.Text.Json.Nodes;
using AdvisorBot.Dialogs.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Reliability;

/// <summary>A turn that fails half-way is answered with an apology and changes nothing: the conversation keeps what it had.</summary>
[Collection(AppCollection.Name)]
public sealed class FailingTurnTests(AdvisorBotApp app)
{
    /// <summary>A recogniser that fails on one word, as a bug in a handler would.</summary>
    private sealed class Exploder : ITurnRecognizer
    {
        public int Order => 50;

        public IReadOnlyCollection<Type> Produces => [];

        public TurnIntent? FromText(TurnInput input) =>
            input.Text.Contains("ontplof", StringComparison.Ordinal) ? throw new InvalidOperationException("a bug") : null;

        public TurnIntent? FromAction(JsonObject data) => null;
    }

    [Fact]
    public async Task Process_TurnThrows_AnswersWithAnApologyAndKeepsTheState()
    {
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ITurnRecognizer, Exploder>()));
        var conversation = "failing-" + Guid.NewGuid().ToString("N");
        using var client = factory.CreateClient();
        async Task<string> AskAsync(string text)
        {
            using var response = await client.PostAsync("/api/messages", System.Net.Http.Json.JsonContent.Create(AdvisorBotApp.Message(text, conversation)));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            return CardText.Of(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!);
        }

        await AskAsync("wat verdienen junior developers in Rotterdam?");
        var store = factory.Services.GetRequiredService<IStateStore>();
        var before = await store.ReadAsync($"conversation/test/{conversation}");

        var apology = await AskAsync("ontplof maar");
        Assert.Contains("Er ging iets mis", apology, StringComparison.Ordinal);

        var after = await store.ReadAsync($"conversation/test/{conversation}");
        Assert.Equal(before!.ETag, after!.ETag);
        var state = System.Text.Json.JsonSerializer.Deserialize<ConversationState>(after.Value.Span, CardText.Json)!;
        Assert.Equal("Rotterdam", state.AskedRegion);
        Assert.Equal("Salary", state.LastIntent);

        // And the conversation goes on from there: "and in English?" repeats the salary answer.
        Assert.Contains("47,000", await AskAsync("and in English?"), StringComparison.Ordinal);
    }
}
