using System.Text;
using System.Text.Json.Nodes;

namespace AdvisorBot.Tests.Reliability;

/// <summary>
/// Valid JSON of shapes no channel sends, each one that once answered 500 or broke a conversation: every one must be
/// a 400 or a polite answer, never a 5xx. Shared by the hostile-input tests and the fuzzer's seed corpus.
/// </summary>
internal static class HostileShapes
{
    public const string BotId = "bot-1";

    /// <summary>A message of the test channel, with expectReplies, into which a case writes its breakage.</summary>
    public static JsonObject Message(string conversationId, string text = "hoe schaars zijn ze?") => AdvisorBotApp.Message(text, conversationId);

    /// <summary>Raw JSON bodies: name and text, some of which JsonNode would refuse to build (duplicate keys, lone surrogates).</summary>
    public static IEnumerable<(string Name, string Json)> Cases(string conversationId)
    {
        string With(Action<JsonObject> change)
        {
            var activity = Message(conversationId);
            change(activity);
            return activity.ToJsonString();
        }

        string Invoke(JsonNode? value) => With(a =>
        {
            a["type"] = "invoke";
            a["name"] = "adaptiveCard/action";
            a["value"] = value;
        });

        yield return ("entity type is a number", With(a => a["entities"] = JsonNode.Parse("""[{"type":5}]""")));
        yield return ("entity is null", With(a => a["entities"] = JsonNode.Parse("[null]")));
        yield return ("mentioned is an array", With(a => a["entities"] = JsonNode.Parse("""[{"type":"mention","mentioned":[1]}]""")));
        yield return ("mention with empty text", With(a => a["entities"] = JsonNode.Parse("[{\"type\":\"mention\",\"text\":\"\",\"mentioned\":{\"id\":\"" + BotId + "\"}}]")));
        yield return ("mentioned id is an object", With(a => a["entities"] = JsonNode.Parse("""[{"type":"mention","mentioned":{"id":{"x":1}}}]""")));
        yield return ("question is a number", With(a => { a["text"] = ""; a["value"] = JsonNode.Parse("""{"question":5}"""); }));
        yield return ("msteams value is an object", With(a => { a["text"] = ""; a["value"] = JsonNode.Parse("""{"msteams":{"value":{"a":1}}}"""); }));
        yield return ("invoke value is a number", Invoke(5));
        yield return ("invoke data is a number", Invoke(JsonNode.Parse("""{"action":{"data":5}}""")));
        yield return ("invoke verb is a number", Invoke(JsonNode.Parse("""{"action":{"verb":5,"data":{"question":"salaris"}}}""")));
        yield return ("invoke action is an array", Invoke(JsonNode.Parse("""{"action":[1,2]}""")));
        yield return ("teams file type is a number", With(a => a["attachments"] = JsonNode.Parse(
            """[{"contentType":"application/vnd.microsoft.teams.file.download.info","name":"v.txt","content":{"fileType":1,"downloadUrl":5}}]""")));
        yield return ("teams file url is not http", With(a => a["attachments"] = JsonNode.Parse(
            """[{"contentType":"application/vnd.microsoft.teams.file.download.info","name":"v.txt","content":{"fileType":"txt","downloadUrl":"file:///etc/passwd"}}]""")));
        yield return ("serviceUrl abc, normal delivery", With(a => { a.Remove("deliveryMode"); a["serviceUrl"] = "abc"; }));
        yield return ("serviceUrl ftp, normal delivery", With(a => { a.Remove("deliveryMode"); a["serviceUrl"] = "ftp://example.org/"; }));
        yield return ("no serviceUrl, normal delivery", With(a => { a.Remove("deliveryMode"); a.Remove("serviceUrl"); }));
        yield return ("nested 40 levels in channelData", With(a => a["channelData"] = JsonNode.Parse(Nested(40))));
        yield return ("step is an object", With(a => { a["text"] = ""; a["value"] = JsonNode.Parse("""{"advisorbot":"checklist","action":"done","step":{"x":1}}"""); }));
        yield return ("unknown checklist action", With(a => { a["text"] = ""; a["value"] = JsonNode.Parse("""{"advisorbot":"checklist","action":"explode","step":"1"}"""); }));
        yield return ("locale is a long garbage string", With(a => a["locale"] = new string('x', 5000)));
        yield return ("timestamp is not a date", With(a => a["timestamp"] = "yesterday"));
        yield return ("members added are null", With(a => { a["type"] = "conversationUpdate"; a["membersAdded"] = JsonNode.Parse("[null]"); }));

        // Raw text: things JsonNode cannot hold, as a client can send them.
        var baseJson = Message(conversationId).ToJsonString();
        yield return ("lone surrogate in the text", baseJson.Replace("hoe schaars zijn ze?", "hoe schaars zijn ze \\ud800", StringComparison.Ordinal));
        yield return ("non-character in the text", baseJson.Replace("hoe schaars zijn ze?", "hoe schaars zijn ze \\ufffe", StringComparison.Ordinal));
        yield return ("lone surrogate in a checklist note", baseJson.Replace("\"text\":\"hoe schaars zijn ze?\"",
            "\"text\":\"\",\"value\":{\"advisorbot\":\"checklist\",\"action\":\"done\",\"step\":\"1\",\"note\":\"x\\udc00y\"}", StringComparison.Ordinal));
        yield return ("lone surrogate in a language switch", baseJson.Replace("\"text\":\"hoe schaars zijn ze?\"",
            "\"text\":\"\",\"value\":{\"advisorbot\":\"switchLanguage\",\"language\":\"en\",\"intent\":\"Salary\",\"text\":\"\\ud83d\"}", StringComparison.Ordinal));
        yield return ("nested 62 levels in from", baseJson.Replace("\"from\":{", "\"from\":{\"deep\":" + Nested(62) + ",", StringComparison.Ordinal));
        yield return ("duplicate keys in value", baseJson.Replace("\"text\":\"hoe schaars zijn ze?\"",
            "\"text\":\"\",\"value\":{\"question\":\"salaris\",\"question\":\"schaarste\"}", StringComparison.Ordinal));
        yield return ("duplicate keys in an entity", baseJson.Replace("\"locale\"",
            "\"entities\":[{\"type\":\"mention\",\"type\":\"x\"}],\"locale\"", StringComparison.Ordinal));
    }

    public static string Nested(int depth)
    {
        var json = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            json.Append("{\"a\":");
        }

        json.Append('1');
        json.Append('}', depth);
        return json.ToString();
    }
}
