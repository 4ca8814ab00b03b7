using AdvisorBot.Dialogs;
using AdvisorBot.State;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Turn;

[Collection(AppCollection.Name)]
public sealed class TurnProcessorTests(AdvisorBotApp app)
{
    [Fact]
    public async Task Process_ConcurrentTurnsOfOneConversation_LoseNoUpdate()
    {
        var conversation = "busy-" + Guid.NewGuid().ToString("N");
        await Task.WhenAll(Enumerable.Range(0, 25).Select(i => app.SendAsync(AdvisorBotApp.Message(i % 2 == 0 ? "hoe schaars zijn ze?" : "what do they earn?", conversation))));

        var item = await app.Services.GetRequiredService<IStateStore>().ReadAsync($"conversation/test/{conversation}");
        var state = System.Text.Json.JsonSerializer.Deserialize<ConversationState>(item!.Value.Span, CardText.Json)!;
        Assert.Equal(25, state.Turns);
    }

    [Fact]
    public async Task Process_AnsweredTurn_PutsTheStateInTheStoreNotOnlyInTheCache()
    {
        var conversation = "stored-" + Guid.NewGuid().ToString("N");
        await app.AskAsync("wat verdienen junior developers in Rotterdam?", conversation);

        var store = app.Services.GetRequiredService<IStateStore>();
        var item = await store.ReadAsync($"conversation/test/{conversation}");
        var state = System.Text.Json.JsonSerializer.Deserialize<ConversationState>(item!.Value.Span, CardText.Json)!;
        Assert.Equal("junior", state.AskedSeniority);
        Assert.Equal("Rotterdam", state.AskedRegion);
        Assert.Equal("Salary", state.LastIntent);
    }

    [Fact]
    public async Task Process_AnotherInstanceWroteTheState_TheTurnRetriesAndKeepsBoth()
    {
        var conversation = "shared-" + Guid.NewGuid().ToString("N");
        var key = $"conversation/test/{conversation}";
        await app.AskAsync("hoe schaars zijn ze?", conversation);

        // A second instance (same store, its own cache) answers a turn: this instance's cache is now stale.
        var store = app.Services.GetRequiredService<IStateStore>();
        var item = await store.ReadAsync(key);
        var state = System.Text.Json.JsonSerializer.Deserialize<ConversationState>(item!.Value.Span, CardText.Json)!;
        await store.WriteAsync(key, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state with { Turns = state.Turns + 1 }, CardText.Json), item.ETag, TimeSpan.FromHours(1));

        await app.AskAsync("en wat verdienen ze?", conversation);
        var after = await store.ReadAsync(key);
        var final = System.Text.Json.JsonSerializer.Deserialize<ConversationState>(after!.Value.Span, CardText.Json)!;
        Assert.Equal(3, final.Turns);
    }
}
