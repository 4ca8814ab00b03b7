using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Hosting.Insights;

/// <summary>
/// <c>GET /admin/insights?days=7</c>: what HR staff ask and where the bot fails, for the team that runs it, from the
/// turn counts (never from stored text): topics asked, the share answered, clarified, out of scope, not covered and
/// unanswerable, per channel and language, and the busiest hours. Loopback clients only unless
/// <c>Insights:AllowRemote</c>; a plain page without script.
/// </summary>
public static class InsightsPage
{
    private const int MaxDays = 90;

    private static readonly string[] Outcomes = ["answered", "clarify", "out-of-scope", "not-covered", "unanswerable", "error"];

    public static WebApplication MapInsights(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<InsightsOptions>>().Value;
        if (options.Enabled)
        {
            app.MapGet("/admin/insights", (HttpContext http, TurnCounts counts, TimeProvider time, int? days) =>
                ServeAsync(http, counts, time, options, days)).ExcludeFromDescription();
        }

        return app;
    }

    private static async Task<IResult> ServeAsync(HttpContext http, TurnCounts counts, TimeProvider time, InsightsOptions options, int? days)
    {
        if (!TelemetrySetup.IsAllowed(http, options.AllowRemote))
        {
            return TypedResults.NotFound();
        }

        if (days is < 1 or > MaxDays)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid period",
                detail: $"days must be between 1 and {MaxDays}.");
        }

        var period = days ?? 7;
        var now = time.GetUtcNow();
        var rows = await counts.ReadAsync(now.AddDays(-period), http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(Html(rows, period, now), "text/html; charset=utf-8");
    }

    public static string Html(IReadOnlyList<(DateTime Hour, TurnKind Kind, long Count)> rows, int days, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var total = rows.Sum(r => r.Count);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>AdvisorBot insights</title><style>")
            .Append("body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}")
            .Append("table{border-collapse:collapse;margin:0 0 1.5rem;min-width:24rem}th,td{padding:.25rem .75rem;border-bottom:1px solid #ccc;text-align:left}")
            .Append("td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.bar{display:inline-block;height:.8rem;background:#154273;vertical-align:middle}")
            .Append("form{margin:0 0 1.5rem}label{margin-right:.5rem}")
            .Append("</style></head><body><main><h1>AdvisorBot insights</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>The last {days} day(s) up to {now:yyyy-MM-dd HH:mm} UTC: <strong>{total}</strong> turns. ")
            .Append("Counts only: no question text is kept for this page.</p>")
            .Append("<form method=\"get\" action=\"/admin/insights\"><label for=\"days\">Days</label>")
            .Append(CultureInfo.InvariantCulture, $"<input id=\"days\" name=\"days\" type=\"number\" min=\"1\" max=\"{MaxDays}\" value=\"{days}\"> <button type=\"submit\">Show</button></form>");

        Table(html, "Outcomes", "Outcome", [.. Outcomes.Select(o => (o, rows.Where(r => r.Kind.Outcome == o).Sum(r => r.Count)))], total);
        Table(html, "Topics asked", "Topic", Group(rows, r => r.Kind.Intent), total, withOutcomes: rows);
        Table(html, "Channels", "Channel", Group(rows, r => r.Kind.Channel), total);
        Table(html, "Languages", "Language", Group(rows, r => r.Kind.Language), total);
        Table(html, "Busiest hours (UTC)", "Hour", [.. Enumerable.Range(0, 24)
            .Select(h => (h.ToString("00", CultureInfo.InvariantCulture) + ":00", rows.Where(r => r.Hour.Hour == h).Sum(r => r.Count)))], total, bars: true);
        return html.Append("</main></body></html>").ToString();
    }

    private static (string Name, long Count)[] Group(IEnumerable<(DateTime Hour, TurnKind Kind, long Count)> rows, Func<(DateTime Hour, TurnKind Kind, long Count), string> key) =>
        [.. rows.GroupBy(key).Select(g => (g.Key, g.Sum(r => r.Count))).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal)];

    private static void Table(StringBuilder html, string caption, string header, (string Name, long Count)[] lines, long total,
        IReadOnlyList<(DateTime Hour, TurnKind Kind, long Count)>? withOutcomes = null, bool bars = false)
    {
        var encoder = HtmlEncoder.Default;
        var max = Math.Max(1, lines.Length == 0 ? 1 : lines.Max(l => l.Count));
        html.Append("<h2>").Append(encoder.Encode(caption)).Append("</h2><table><thead><tr><th scope=\"col\">").Append(encoder.Encode(header))
            .Append("</th><th scope=\"col\" class=\"n\">Turns</th><th scope=\"col\" class=\"n\">Share</th>");
        if (withOutcomes is not null)
        {
            html.Append("<th scope=\"col\" class=\"n\">Answered</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var (name, count) in lines)
        {
            html.Append("<tr><th scope=\"row\">").Append(encoder.Encode(name)).Append("</th>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{count}</td><td class=\"n\">{Share(count, total)}");
            if (bars)
            {
                html.Append(CultureInfo.InvariantCulture, $" <span class=\"bar\" style=\"width:{Math.Round(8.0 * count / max, 2)}rem\"></span>");
            }

            html.Append("</td>");
            if (withOutcomes is not null)
            {
                var answered = withOutcomes.Where(r => r.Kind.Intent == name && r.Kind.Outcome == "answered").Sum(r => r.Count);
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{Share(answered, count)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Share(long part, long whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
