using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AdvisorBot.Tests.Channels.DirectLine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Privacy;

/// <summary>
/// "Vergeet mij" erases everything kept of the user, in every conversation, and it cannot be read back from the
/// SQLite files either. A service of its own, so its database file holds only what these tests wrote.
/// </summary>
public sealed class ForgetMeTests : IAsyncLifetime
{
    private const string Marker = "zwaluwstaart7731";
    private readonly LiveAdvisorBot _service = new();

    public Task InitializeAsync() => _service.InitializeAsync();

    public Task DisposeAsync() => _service.DisposeAsync();

    private async Task<JsonObject> SendAsync(JsonObject activity)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_service.BaseUrl) };
        using var response = await http.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["activities"]![0]!["attachments"]![0]!["content"]!;
    }

    private static JsonObject Say(string text, string user, string conversation)
    {
        var message = AdvisorBotApp.Message(text, conversation);
        message["from"]!["id"] = user;
        return message;
    }

    private static JsonObject Click(string user, string conversation, int step, string note)
    {
        var click = Say("", user, conversation);
        click["value"] = new JsonObject { ["advisorbot"] = "checklist", ["action"] = "done", ["step"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = note };
        return click;
    }

    [Fact]
    public async Task ForgetMe_ErasesEveryConversationChecklistAndNote_AndLeavesNothingInTheFiles()
    {
        var user = "forget-" + Guid.NewGuid().ToString("N");
        var (a, b) = ($"a-{Guid.NewGuid():N}", $"b-{Guid.NewGuid():N}");
        var other = "keeper-" + Guid.NewGuid().ToString("N");
        await SendAsync(Say($"hoe schaars zijn ze voor project {Marker}?", user, a));
        await SendAsync(Click(user, a, 1, $"notitie {Marker}"));
        await SendAsync(Say($"wat verdienen ze, vraagt {Marker}", user, b));
        await SendAsync(Say($"hoe schaars zijn ze voor {Marker}-collega?", other, "other-" + Guid.NewGuid().ToString("N")));
        Assert.Contains(Marker, FileText(), StringComparison.Ordinal);

        var confirmation = await SendAsync(Say("vergeet mij", user, a));
        Assert.Equal("Uw gegevens zijn gewist", CardText.Title(confirmation));

        // Nothing of the user in the store: not the other conversation, not the checklist, not the footprint.
        var keys = Keys();
        Assert.DoesNotContain(keys, k => k.Contains(user, StringComparison.Ordinal) || k.EndsWith(a, StringComparison.Ordinal) || k.EndsWith(b, StringComparison.Ordinal));
        Assert.Contains(keys, k => k.Contains(other, StringComparison.Ordinal)); // another user's data stays

        // The second conversation knows nothing of what was said there; the checklist starts afresh.
        var replay = CardText.Of(await SendAsync(Say("en in het Engels?", user, b)));
        Assert.DoesNotContain("Salary", replay, StringComparison.Ordinal);
        var step = CardText.Of(await SendAsync(Say("loop de checklist met me door", user, b)));
        Assert.Contains("1/7", step, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, step, StringComparison.Ordinal);

        // And not readable from the database file or its write-ahead log: only the other user's words remain.
        var text = FileText();
        Assert.True(Count(text, Marker) == Count(text, $"{Marker}-collega"), Around(text, Marker));
        Assert.Contains($"{Marker}-collega", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgetMe_InWebChat_ErasesTheDirectLineHistory_AndTheChatGoesOn()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_service.BaseUrl) };
        var page = (await (await http.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var conversation = page["conversationId"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", page["token"]!.GetValue<string>());
        (await http.PostAsync("/v3/directline/conversations", null)).EnsureSuccessStatusCode();
        async Task PostAsync(string text) =>
            (await http.PostAsync($"/v3/directline/conversations/{conversation}/activities",
                new StringContent(new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "u" } }.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        await PostAsync($"hoe schaars zijn ze, zegt {Marker}?");
        await PostAsync("forget me");
        var history = (await http.GetFromJsonAsync<JsonObject>($"/v3/directline/conversations/{conversation}/activities?watermark="))!;
        var activities = history["activities"]!.AsArray();
        var only = Assert.Single(activities);
        Assert.Matches("erased|gewist", only!.ToJsonString());
        Assert.Equal("4", history["watermark"]!.GetValue<string>()); // the watermarks go on
        Assert.DoesNotContain(Marker, FileText(), StringComparison.Ordinal);

        await PostAsync("wat verdienen ze?");
        var more = (await http.GetFromJsonAsync<JsonObject>($"/v3/directline/conversations/{conversation}/activities?watermark=4"))!;
        Assert.Equal(2, more["activities"]!.AsArray().Count);
    }

    private List<string> Keys()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _service.StatePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM state_items";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>The raw bytes of the database file and its write-ahead log, as text: what someone with the files could read.</summary>
    private string FileText()
    {
        var text = new StringBuilder();
        foreach (var path in new[] { _service.StatePath, _service.StatePath + "-wal" })
        {
            if (File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                text.Append(Encoding.UTF8.GetString(memory.ToArray()));
            }
        }

        return text.ToString();
    }

    private static string Around(string text, string marker)
    {
        var parts = new List<string>();
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            parts.Add(text.Substring(Math.Max(0, at - 60), Math.Min(120, text.Length - Math.Max(0, at - 60))).Replace('\0', '.'));
        }

        return string.Join(" || ", parts);
    }

    private static int Count(string text, string marker)
    {
        var count = 0;
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
