using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Dialogs;

/// <summary>The conversation scripts of Data/conversations.json, each in its own conversation, through /api/messages.</summary>
[Collection(AppCollection.Name)]
public sealed class ConversationScriptTests(AdvisorBotApp app)
{
    private static readonly Lazy<JsonArray> Scripts = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestData.DataFolder, "conversations.json")))!["scripts"]!.AsArray());

    public static TheoryData<string> ScriptNames => new(Scripts.Value.Select(s => s!["name"]!.GetValue<string>()));

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task Script_RunsAsWritten(string name)
    {
        var script = Scripts.Value.Single(s => s!["name"]!.GetValue<string>() == name)!;
        var conversation = "script-" + Guid.NewGuid().ToString("N");
        var locale = script["locale"]!.GetValue<string>();
        var turn = 0;
        foreach (var step in script["turns"]!.AsArray())
        {
            turn++;
            var say = step!["say"]!.GetValue<string>();
            var card = await app.AskAsync(say, conversation, locale);
            var text = CardText.Of(card);
            var where = $"turn {turn} ('{say}') answered:\n{text}";
            Assert.True(CardText.Title(card) == step["title"]!.GetValue<string>(), $"expected title '{step["title"]}' at {where}");
            foreach (var expected in step["contains"]?.AsArray().Select(e => e!.GetValue<string>()) ?? [])
            {
                Assert.True(text.Contains(expected, StringComparison.Ordinal), $"missing '{expected}' at {where}");
            }

            foreach (var absent in step["absent"]?.AsArray().Select(e => e!.GetValue<string>()) ?? [])
            {
                Assert.False(text.Contains(absent, StringComparison.Ordinal), $"unexpected '{absent}' at {where}");
            }

            Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        }
    }
}
