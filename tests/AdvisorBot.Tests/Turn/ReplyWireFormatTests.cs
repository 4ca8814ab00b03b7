using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Turn;

/// <summary>
/// The replies as clients other than Web Chat and Teams read them: the Microsoft 365 Agents SDK's own Activity
/// parser (@microsoft/agents-activity, in Node) takes every kind of reply, on every channel shape the bot answers.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReplyWireFormatTests(AdvisorBotApp app)
{
    private async Task<JsonArray> RepliesAsync(JsonObject activity)
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]!.AsArray();
    }

    private async Task<List<(string Name, JsonNode Activity)>> SampleRepliesAsync()
    {
        var samples = new List<(string, JsonNode)>();
        foreach (var (channel, text) in new[] { ("webchat", "hoe schaars zijn ze?"), ("msteams", "what do they earn?"), ("test", "loop de checklist met me door") })
        {
            var message = AdvisorBotApp.Message(text, $"{channel}-{Guid.NewGuid():N}");
            message["channelId"] = channel;
            foreach (var reply in await RepliesAsync(message))
            {
                samples.Add(($"{channel}: {text}", reply!.DeepClone()));
            }
        }

        var join = AdvisorBotApp.Message("", "join-" + Guid.NewGuid().ToString("N"));
        join["type"] = "conversationUpdate";
        join["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1" });
        samples.AddRange((await RepliesAsync(join)).Select(r => ("welcome", r!.DeepClone())));
        return samples;
    }

    [Fact]
    public async Task Replies_ParsedByTheAgentsSdk_AreAccepted()
    {
        var samples = await SampleRepliesAsync();
        Assert.Contains(samples, s => s.Activity["suggestedActions"] is not null);
        var input = Path.Combine(Path.GetTempPath(), $"agents-activity-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, new JsonArray([.. samples.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["activity"] = s.Activity })]).ToJsonString());
        try
        {
            var folder = Path.Combine(TestData.RepositoryRoot, "tests", "cards-js");
            var start = new ProcessStartInfo("node", [Path.Combine(folder, "agents-activity.js"), input]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            using var node = Process.Start(start)!;
            var stdout = await node.StandardOutput.ReadToEndAsync();
            var stderr = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, stderr);
            var result = JsonNode.Parse(stdout)!;
            Assert.Equal(samples.Count, result["checked"]!.GetValue<int>());
            Assert.True(result["errors"]!.AsArray().Count == 0, result["errors"]!.ToJsonString());
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public async Task Replies_Timestamps_AreUtcWithZ_AndSuggestedActionsNameTheirRecipients()
    {
        foreach (var (name, activity) in await SampleRepliesAsync())
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", activity["timestamp"]!.GetValue<string>());
            if (activity["suggestedActions"] is JsonObject suggested)
            {
                Assert.True(suggested["to"] is JsonArray, name);
            }
        }
    }
}
