using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Dialogs;

/// <summary>
/// The conversation scripts of Data/conversations.json, each in its own conversation and as its own user, through
/// /api/messages. A turn either says something or clicks a card button ("click": the button's data with the card's
/// inputs, as Web Chat posts an Action.Submit); "conversation": "new" moves the same user to a new conversation.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConversationScriptTests(AdvisorBotApp app)
{
    private static readonly Lazy<JsonArray> Scripts = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestData.DataFolder, "conversations.json")))!["scripts"]!.AsArray());

    public static TheoryData<string> ScriptNames => new(Scripts.Value.Select(s => s!["name"]!.GetValue<string>()));

    [Theory]
    [MemberData(nameof(ScriptNames))]
    public async Task ConversationScript_EachScript_RunsAsWritten(string name)
    {
        var script = Scripts.Value.Single(s => s!["name"]!.GetValue<string>() == name)!;
        var conversation = "script-" + Guid.NewGuid().ToString("N");
        var user = "user-" + Guid.NewGuid().ToString("N");
        var locale = script["locale"]!.GetValue<string>();
        var turn = 0;
        foreach (var step in script["turns"]!.AsArray())
        {
            turn++;
            if (step!["conversation"]?.GetValue<string>() == "new")
            {
                conversation = "script-" + Guid.NewGuid().ToString("N");
            }

            var say = step["say"]?.GetValue<string>() ?? "";
            var activity = AdvisorBotApp.Message(say, conversation, locale);
            activity["from"]!["id"] = user;
            if (step["click"] is JsonObject click)
            {
                activity.Remove("text");
                var value = (JsonObject)click.DeepClone();
                value["advisorbot"] = "checklist";
                value["step"] = value["step"]!.ToJsonString().Trim('"');
                activity["value"] = value;
                say = "click " + click.ToJsonString();
            }

            var card = Assert.IsType<JsonObject>(Assert.Single(Assert.Single(await app.SendAsync(activity)).Attachments!).Content);
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
