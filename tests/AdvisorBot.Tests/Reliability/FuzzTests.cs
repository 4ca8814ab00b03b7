using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AdvisorBot.Tests.Reliability;

/// <summary>
/// Mutated activities by the hundred thousand (seeded, so a failure replays): not one 5xx, no request over 5 s, the
/// service answering normally afterwards, and memory that does not grow without bound.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FuzzTests(AdvisorBotApp app, ITestOutputHelper output)
{
    public const int BotFrameworkActivities = 100_000;
    public const int DirectLineActivities = 20_000;
    private const int Parallel = 4;
    private static readonly TimeSpan MaxLatency = TimeSpan.FromSeconds(5);
    private const long MaxGrowthBytes = 300L * 1024 * 1024;

    private sealed class Findings
    {
        public ConcurrentBag<string> ServerErrors { get; } = [];
        public ConcurrentDictionary<int, int> Statuses { get; } = new();
        public long SlowestTicks;

        public void Record(string json, HttpStatusCode status, TimeSpan took, string body)
        {
            Statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
            if ((int)status >= 500)
            {
                ServerErrors.Add($"{(int)status}: {body[..Math.Min(300, body.Length)]} <= {json[..Math.Min(600, json.Length)]}");
            }

            long seen;
            while (took.Ticks > (seen = Interlocked.Read(ref SlowestTicks)) && Interlocked.CompareExchange(ref SlowestTicks, took.Ticks, seen) != seen)
            {
            }
        }
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Process.GetCurrentProcess().WorkingSet64;
    }

    /// <summary>A Connector on loopback that takes every reply at once, for the activities that ask for normal delivery.</summary>
    private static async Task<WebApplication> StartConnectorAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var connector = builder.Build();
        connector.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", () => Results.Json(new { id = "r" }, statusCode: 201));
        connector.MapPost("/v3/conversations/{conversationId}/activities", () => Results.Json(new { id = "r" }, statusCode: 201));
        await connector.StartAsync();
        return connector;
    }

    private async Task RunAsync(int count, int seed, Func<HttpClient, int, string, Task<(HttpStatusCode, string)>> send, Findings findings)
    {
        await using var connector = await StartConnectorAsync();
        var fuzzer = new ActivityFuzzer(seed);
        var serviceUrl = connector.Urls.First() + "/";
        var seeds = ActivityFuzzer.Seeds("seed").Select(s => s.Replace("http://localhost/unused", serviceUrl, StringComparison.Ordinal)).ToList();
        var bodies = new BlockingCollection<(int, string)>(boundedCapacity: 1000);
        var producer = Task.Run(() =>
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    bodies.Add((i, fuzzer.Next(seeds)));
                }
            }
            finally
            {
                bodies.CompleteAdding(); // also when the fuzzer fails: the senders stop, and the failure surfaces below
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            using var client = app.CreateClient();
            foreach (var (i, json) in bodies.GetConsumingEnumerable())
            {
                var timer = Stopwatch.StartNew();
                var (status, body) = await send(client, i, json);
                findings.Record(json, status, timer.Elapsed, body);
            }
        })));
        await producer;
    }

    private void Report(string what, Findings findings, long before, long after)
    {
        output.WriteLine($"{what}: statuses {string.Join(", ", findings.Statuses.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}×{kv.Value}"))}; " +
            $"slowest {TimeSpan.FromTicks(findings.SlowestTicks).TotalMilliseconds:F0} ms; memory {before / 1048576} → {after / 1048576} MB");
        Assert.True(findings.ServerErrors.IsEmpty, string.Join("\n", findings.ServerErrors.Take(10)));
        Assert.True(TimeSpan.FromTicks(findings.SlowestTicks) < MaxLatency, $"slowest request took {TimeSpan.FromTicks(findings.SlowestTicks)}");
        Assert.True(after - before < MaxGrowthBytes, $"memory grew by {(after - before) / 1048576} MB");
    }

    [Fact]
    public async Task PostActivity_100kMutatedActivities_NoServerErrorNoHangAndTheServiceStillAnswers()
    {
        var findings = new Findings();
        var before = Memory();
        await RunAsync(BotFrameworkActivities, seed: 20261202, async (client, _, json) =>
        {
            using var response = await client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));
            return (response.StatusCode, (int)response.StatusCode >= 500 ? await response.Content.ReadAsStringAsync() : "");
        }, findings);
        Report("/api/messages", findings, before, Memory());
        Assert.Equal(BotFrameworkActivities, findings.Statuses.Values.Sum());

        var card = await app.AskAsync("wat verdienen ze?", "after-fuzz-" + Guid.NewGuid().ToString("N"));
        Assert.Contains("47.000", CardText.Of(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DirectLinePost_20kMutatedActivities_NoServerErrorNoHangAndPollsStillWork()
    {
        using var starter = app.CreateClient();
        starter.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdvisorBotApp.DirectLineSecret);
        var conversations = new List<(string Id, string Token)>();
        for (var i = 0; i < DirectLineActivities / 10; i++)
        {
            using var started = await starter.PostAsync("/v3/directline/conversations", null);
            var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
            conversations.Add((body["conversationId"]!.GetValue<string>(), body["token"]!.GetValue<string>()));
        }

        var findings = new Findings();
        var before = Memory();
        await RunAsync(DirectLineActivities, seed: 4711, async (client, i, json) =>
        {
            // Ten posts per conversation: within its burst, so the fuzz meets the turn, not the rate limit.
            var (id, token) = conversations[i / 10];
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, (int)response.StatusCode >= 500 ? await response.Content.ReadAsStringAsync() : "");
        }, findings);
        Report("Direct Line", findings, before, Memory());

        foreach (var (id, token) in conversations.Take(50))
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{id}/activities");
            poll.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var polled = await starter.SendAsync(poll);
            Assert.Equal(HttpStatusCode.OK, polled.StatusCode);
        }
    }
}
