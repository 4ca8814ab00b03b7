using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AdvisorBot.Tests.Telemetry;

/// <summary>
/// Traces and metrics of turns as an operator sees them, through OpenTelemetry's in-memory exporter and the
/// Prometheus scrape endpoint; never a user's words in a label or a span.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TelemetryTests(AdvisorBotApp app)
{
    private const string Secret = "geheimwoord-in-de-vraag";

    [Fact]
    public async Task Turns_AreCountedByChannelIntentOutcomeAndLanguage_WithoutTheirText()
    {
        var metrics = new List<Metric>();
        var spans = new List<System.Diagnostics.Activity>();
        await using var host = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Telemetry:Tracing", "true");
            b.ConfigureServices(s =>
            {
                s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
                s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            });
        });
        using var client = host.CreateClient();
        foreach (var (text, locale) in new[] { ($"hoe schaars zijn ze? {Secret}", "nl-NL"), ($"what's the weather tomorrow {Secret}", "en-US"), ($"hoeveel sollicitanten krijg je op een vacature {Secret}", "nl-NL"), ("tuinbouwkas lampen", "nl-NL") })
        {
            (await client.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message(text, "telemetry-" + Guid.NewGuid().ToString("N"), locale))).EnsureSuccessStatusCode();
        }

        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        var turns = Points(metrics, "advisorbot.turns").ToList();
        Assert.Contains(turns, p => p["intent"] == "Scarcity" && p["outcome"] == "answered" && p["language"] == "nl" && p["channel"] == "test");
        Assert.Contains(turns, p => p["outcome"] == "out-of-scope" && p["language"] == "en");
        Assert.Contains(turns, p => p["intent"] == "NotInReport" && p["outcome"] == "unanswerable");
        Assert.Contains(Points(metrics, "advisorbot.turn.duration"), p => p["outcome"] == "answered");
        Assert.All(turns.SelectMany(p => p.Values), v => Assert.DoesNotContain(Secret, v, StringComparison.Ordinal));

        var turnSpans = spans.Where(s => s.OperationName == "turn").ToList();
        Assert.Contains(turnSpans, s => (string?)s.GetTagItem("advisorbot.intent") == "Scarcity");
        Assert.Contains(spans, s => s.OperationName == "commit");
        Assert.All(spans.SelectMany(s => s.TagObjects), t => Assert.DoesNotContain(Secret, t.Value?.ToString() ?? "", StringComparison.Ordinal));
    }

    private static IEnumerable<Dictionary<string, string>> Points(List<Metric> metrics, string name)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value?.ToString() ?? "";
                }

                yield return tags;
            }
        }
    }

    [Fact]
    public async Task Metrics_Off_ByDefault()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_On_ScrapedByPrometheusFromLoopback_RefusedFromElsewhere()
    {
        await using var host = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Telemetry:Metrics", "true");
            b.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddressFromHeader>());
        });
        using var client = host.CreateClient();
        (await client.PostAsJsonAsync("/api/messages", AdvisorBotApp.Message("wat verdienen ze?", "scrape-" + Guid.NewGuid().ToString("N")))).EnsureSuccessStatusCode();

        using var local = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        local.Headers.Add("X-Test-Remote", "127.0.0.1");
        using var scraped = await client.SendAsync(local);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.Contains("advisorbot_turns", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"answered\"", text, StringComparison.Ordinal);

        using var remote = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        remote.Headers.Add("X-Test-Remote", "10.1.2.3");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(remote)).StatusCode);
    }

    /// <summary>The test server has no client address: this sets one from a header, first in the pipeline.</summary>
    private sealed class RemoteAddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use(async (HttpContext http, Func<Task> inner) =>
            {
                if (http.Request.Headers.TryGetValue("X-Test-Remote", out var address))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                await inner();
            });
            next(builder);
        };
    }
}
