using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Reliability;

/// <summary>
/// One user clicking checklist steps in many conversations at once (tabs, devices, a script): every click is
/// answered with its step card and none is lost, on one instance and on two instances sharing one store.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConcurrentClicksTests(AdvisorBotApp app)
{
    private const string Profile = "it-ontwikkelaar-senior-nl-2020";

    private static JsonObject Click(string user, string conversation, int step, string note)
    {
        var click = AdvisorBotApp.Message("", conversation);
        click["channelId"] = "webchat";
        click["from"]!["id"] = user;
        click["value"] = new JsonObject
        {
            ["advisorbot"] = "checklist", ["action"] = "done", ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = note,
        };
        return click;
    }

    private static async Task<string> SendAsync(WebApplicationFactory<Program> host, JsonObject activity)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        return CardText.Of(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!);
    }

    private static async Task<ChecklistProgress> ProgressAsync(IServiceProvider services, string user)
    {
        var slot = ChecklistSlots.Progress($"webchat:{user}", Profile);
        var item = await services.GetRequiredService<IStateStore>().ReadAsync(slot.Key);
        return System.Text.Json.JsonSerializer.Deserialize(item!.Value.Span, slot.Json)!;
    }

    /// <summary>Clicks "done" with a note on steps 1–6, <paramref name="clicksPerConversation"/> in order in each of the conversations, all at once.</summary>
    private static async Task<(List<string> Answers, Dictionary<int, HashSet<string>> Notes)> ClickAsync(
        Func<int, WebApplicationFactory<Program>> host, string user, int conversations, int clicksPerConversation)
    {
        var notes = Enumerable.Range(1, 6).ToDictionary(s => s, _ => new HashSet<string>());
        var answers = new List<string>();
        await Task.WhenAll(Enumerable.Range(0, conversations).Select(async c =>
        {
            var conversation = $"tab-{c}-{Guid.NewGuid():N}";
            for (var k = 0; k < clicksPerConversation; k++)
            {
                var step = ((c + k) % 6) + 1;
                var note = $"note {c}.{k}";
                lock (notes)
                {
                    notes[step].Add(note);
                }

                var answer = await SendAsync(host(c), Click(user, conversation, step, note));
                lock (answers)
                {
                    answers.Add(answer);
                }
            }
        }));
        return (answers, notes);
    }

    private static async Task AssertNothingLostAsync(IServiceProvider services, string user, List<string> answers, Dictionary<int, HashSet<string>> notes, int expected)
    {
        Assert.Equal(expected, answers.Count);
        Assert.DoesNotContain(answers, a => a.Contains("Er ging iets mis", StringComparison.Ordinal));
        Assert.All(answers, a => Assert.Contains("Stap", a, StringComparison.Ordinal));
        var progress = await ProgressAsync(services, user);
        for (var step = 1; step <= 6; step++)
        {
            Assert.Equal(StepStatus.Done, progress.Steps[step].Status);
            Assert.Contains(progress.Steps[step].Note!, notes[step]);
        }
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(50, 50)]
    public async Task ChecklistClicks_OneUserInManyConversationsAtOnce_AllAnsweredAndNoneLost(int conversations, int clicks)
    {
        var user = "clicker-" + Guid.NewGuid().ToString("N");
        var (answers, notes) = await ClickAsync(_ => app, user, conversations, clicks);
        await AssertNothingLostAsync(app.Services, user, answers, notes, conversations * clicks);
    }

    [Fact]
    public async Task ChecklistClicks_OneUserThroughTwoInstancesOnOneStore_AllAnsweredAndNoneLost()
    {
        // A second instance: its own caches and turn locks, the same SQLite file.
        await using var second = app.WithWebHostBuilder(b => b.UseSetting("State:SqlitePath", app.StatePath));
        var user = "two-instances-" + Guid.NewGuid().ToString("N");
        var (answers, notes) = await ClickAsync(c => c % 2 == 0 ? app : second, user, 20, 5);
        await AssertNothingLostAsync(app.Services, user, answers, notes, 100);
    }
}
