using System.Diagnostics;
using System.Text.Json.Nodes;
using AdvisorBot.Tests.Cards;

namespace AdvisorBot.Tests.Channels.DirectLine;

/// <summary>
/// botframework-directlinejs 0.15.5 — the client inside Web Chat 4.18.1 — against the live service, in Node
/// (tests/cards-js/directline-protocol.js): WebSocket and polling, and reconnects that get exactly what was missed.
/// </summary>
public sealed class DirectLineJsProtocolTests(LiveAdvisorBot service) : IClassFixture<LiveAdvisorBot>
{
    [Fact]
    public async Task DirectLineJs_StartsSendsReceivesAndResumes_OverWebSocketAndPolling()
    {
        var folder = Path.Combine(CardProofTests.RepoRoot, "tests", "cards-js");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "botframework-directlinejs")),
            "tests/cards-js/node_modules is missing: run ./test.sh, which installs it (npm ci).");
        var start = new ProcessStartInfo("node", [Path.Combine(folder, "directline-protocol.js"), service.BaseUrl, LiveAdvisorBot.Secret])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"directline-protocol.js failed:\n{await stderr}\n{await stdout}");

        var summary = JsonNode.Parse(await stdout)!;
        Assert.True(summary["ok"]!.GetValue<bool>());
        Assert.Equal("Schaarste", summary["websocket"]!["replyTitle"]!.GetValue<string>());
        Assert.Equal("Zoekkanalen", summary["polling"]!["replyTitle"]!.GetValue<string>());
        Assert.Equal(2, summary["websocketResume"]!["received"]!.AsArray().Count);
        Assert.Equal(4, summary["pollingResume"]!["received"]!.AsArray().Count);
    }
}
