using System.Text;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Reliability;

/// <summary>
/// Seeded mutations of real activities: a node replaced by a value of another type, removed, renamed or
/// duplicated; deep nesting; odd code points; truncated or spliced JSON. Deterministic for a seed.
/// </summary>
internal sealed class ActivityFuzzer(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Conversations = [.. Enumerable.Range(0, 200).Select(i => $"fuzz-{i}")];

    /// <summary>Valid activities of every kind a channel sends, and the hostile shapes found before.</summary>
    public static IReadOnlyList<string> Seeds(string conversation)
    {
        JsonObject Message(string text, string channel = "test")
        {
            var activity = AdvisorBotApp.Message(text, conversation);
            activity["channelId"] = channel;
            return activity;
        }

        var seeds = new List<JsonObject>
        {
            Message("hoe schaars zijn ze?"), Message("what salary should we offer?", "msteams"), Message("wij bieden 4.200 bij 36 uur"),
            Message("een uur reizen, is dat te veel?"), Message("ik moet 3 developers voor 1 maart hebben"), Message("and in English?"),
            Message("loop de checklist met me door", "webchat"), Message("<at>AdvisorBot</at> waar vind ik ze?", "msteams"),
        };
        seeds[^1]["entities"] = JsonNode.Parse("""[{"type":"mention","text":"<at>AdvisorBot</at>","mentioned":{"id":"bot-1","name":"AdvisorBot"}}]""");
        var click = Message("", "webchat");
        click["value"] = JsonNode.Parse("""{"advisorbot":"checklist","action":"done","step":"2","note":"besproken"}""");
        var language = Message("", "webchat");
        language["value"] = JsonNode.Parse("""{"advisorbot":"switchLanguage","language":"en","intent":"Salary","text":"wat verdienen ze"}""");
        var invoke = Message("", "msteams");
        invoke["type"] = "invoke";
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"switchLanguage","data":{"advisorbot":"switchLanguage","language":"en","intent":"Scarcity","text":""}}}""");
        var update = Message("");
        update["type"] = "conversationUpdate";
        update["membersAdded"] = JsonNode.Parse("""[{"id":"user-1"}]""");
        var join = Message("", "webchat");
        join["type"] = "event";
        join["name"] = "webchat/join";
        seeds.AddRange([click, language, invoke, update, join]);
        return [.. seeds.Select(s => s.ToJsonString()), .. HostileShapes.Cases(conversation).Select(c => c.Json)];
    }

    public string Next(IReadOnlyList<string> seeds)
    {
        var json = seeds[_random.Next(seeds.Count)].Replace("\"conversation\":{\"id\":\"", "\"conversation\":{\"id\":\"" + Conversations[_random.Next(Conversations.Length)], StringComparison.Ordinal);
        return _random.Next(10) switch
        {
            0 => Truncate(json),
            1 => Splice(json),
            _ => TryMutateTree(json),
        };
    }

    private string TryMutateTree(string json)
    {
        try
        {
            return MutateTree(json);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            return Splice(json); // a seed the tree cannot hold (a duplicate member, a lone surrogate): mutate its text instead
        }
    }

    private string Truncate(string json) => json[.._random.Next(json.Length)];

    /// <summary>Raw text the tree cannot hold: a duplicated member, a lone surrogate, a control character, a stray byte.</summary>
    private string Splice(string json)
    {
        var at = json.IndexOf(',', _random.Next(json.Length));
        if (at < 0)
        {
            return json;
        }

        string[] inserts = [",\"type\":\"message\"", ",\"text\":\"\\ud800\"", ",\"value\":{\"a\":1,\"a\":2}", ",\"x\":\"\\u0000\\u001b\"", "\u00ff", ",\"entities\":[{\"type\":\"mention\",\"type\":1}]"];
        return json.Insert(at, inserts[_random.Next(inserts.Length)]);
    }

    private string MutateTree(string json)
    {
        var root = JsonNode.Parse(json)!;

        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            var nodes = All(root).Where(n => n.Parent is not null).ToList();
            if (nodes.Count == 0)
            {
                break;
            }

            Mutate(nodes[_random.Next(nodes.Count)]);
        }

        return root.ToJsonString();
    }

    private void Mutate(JsonNode node)
    {
        var replacement = _random.Next(4) == 0 ? null : RandomValue();
        switch (node.Parent)
        {
            case JsonObject parent:
                var name = parent.First(kv => ReferenceEquals(kv.Value, node)).Key;
                parent.Remove(name);
                if (_random.Next(5) != 0)
                {
                    parent[_random.Next(4) == 0 ? name + "_" : name] = replacement;
                }
                break;
            case JsonArray array:
                array[array.IndexOf(node)] = replacement;
                break;
        }
    }

    private JsonNode? RandomValue() => _random.Next(14) switch
    {
        0 => JsonValue.Create(_random.Next()),
        1 => JsonValue.Create(-1),
        2 => JsonValue.Create(1e300),
        3 => JsonValue.Create(""),
        4 => JsonValue.Create(new string('x', _random.Next(20_000))),
        5 => JsonValue.Create("<img src=x onerror=alert(1)>[x](javascript:alert(1))"),
        6 => JsonValue.Create(_random.Next(2) == 0),
        7 => new JsonArray(),
        8 => new JsonObject(),
        9 => new JsonArray(null, JsonValue.Create(1), new JsonObject()),
        10 => JsonNode.Parse(HostileShapes.Nested(1 + _random.Next(20))),
        11 => JsonValue.Create("advisorbot"),
        12 => new JsonObject { ["advisorbot"] = _random.Next(2) == 0 ? "checklist" : "switchLanguage", ["action"] = "done", ["step"] = _random.Next(-5, 12) },
        _ => JsonValue.Create(Encoding.UTF8.GetString([.. Enumerable.Range(0, 8).Select(_ => (byte)_random.Next(32, 127))])),
    };

    private static IEnumerable<JsonNode> All(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(kv => kv.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in All(child))
            {
                yield return descendant;
            }
        }
    }
}
