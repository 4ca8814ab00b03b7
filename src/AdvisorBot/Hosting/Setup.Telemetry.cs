using System.Net;
using AdvisorBot.Channels.DirectLine;
using AdvisorBot.Turn;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AdvisorBot.Hosting;

/// <summary>
/// OpenTelemetry: the turn's traces and metrics, ASP.NET Core, HttpClient and runtime instrumentation. Exporters
/// only where configured: <c>Telemetry:Metrics=true</c> maps a Prometheus <c>/metrics</c> (loopback clients only,
/// unless <c>Telemetry:MetricsAllowRemote=true</c>), <c>Telemetry:OtlpEndpoint</c> sends traces and metrics by OTLP;
/// traces are recorded only with an OTLP endpoint or <c>Telemetry:Tracing=true</c>.
/// </summary>
public static class TelemetrySetup
{
    public const string Section = "Telemetry";

    private static readonly string[] Meters = [TurnTelemetry.Name, DirectLineEndpoints.TelemetryName, "AdvisorBot.BotFramework"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration.GetSection(Section);
        var otlp = configuration["OtlpEndpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        builder.AddInsights();
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("advisorbot"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
            if (configuration.GetValue<bool>("Metrics"))
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp is not null)
            {
                metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        // Traces only where they go somewhere (an OTLP collector, or Telemetry:Tracing for a test's exporter): a span
        // nobody collects still costs every request its Activity.
        if (otlp is null && !configuration.GetValue<bool>("Tracing"))
        {
            return builder;
        }

        telemetry.WithTracing(tracing =>
        {
            // Spans carry channel, intent and outcome; the request path is kept, its query (Direct Line's ?t=token) is not.
            tracing.AddSource(TurnTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null))
                .AddHttpClientInstrumentation();
            if (otlp is not null)
            {
                tracing.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        return builder;
    }

    /// <summary>An operator's page (/metrics, /admin/insights): for loopback clients unless opened up (a test server has no address).</summary>
    internal static bool IsAllowed(HttpContext http, bool allowRemote) =>
        allowRemote || http.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(address);

    /// <summary>The owner's insights: turn counts per hour from the same metric, in the state store (Hosting/Insights).</summary>
    private static void AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<Insights.InsightsOptions>(builder.Configuration.GetSection(Insights.InsightsOptions.Section));
        builder.Services.AddSingleton<Insights.TurnCounts>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Insights.TurnCounts>());
    }

    /// <summary>The Prometheus scrape endpoint, when switched on; for loopback clients unless opened up.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.Configuration.GetSection(Section);
        if (!configuration.GetValue<bool>("Metrics"))
        {
            return app;
        }

        var allowRemote = configuration.GetValue<bool>("MetricsAllowRemote");
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (http, next) =>
        {
            if (!IsAllowed(http, allowRemote))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(http).ConfigureAwait(false);
        }));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
