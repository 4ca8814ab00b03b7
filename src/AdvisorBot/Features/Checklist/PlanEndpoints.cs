using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using AdvisorBot.Dialogs;
using AdvisorBot.State;

namespace AdvisorBot.Features.Checklist;

/// <summary>
/// The recruitment plan a checklist walkthrough ends with, to share with the hiring manager: <c>GET /plans/{id}</c>
/// (a readable, printable page) and <c>GET /plans/{id}.md</c> (a Markdown download), in the user's language. The id
/// is unguessable and the plan expires (30 days); an unknown or expired id is a plain 404.
/// </summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/plans/{id}.md", MarkdownAsync).WithTags("Plans");
        routes.MapGet("/plans/{id}", HtmlAsync).WithTags("Plans");
        return routes;
    }

    private static async Task<IResult> HtmlAsync(string id, IStateStore store, IReadOnlyDictionary<string, ResponseTexts> texts, HttpContext http)
    {
        var plan = await LoadAsync(store, id, http.RequestAborted).ConfigureAwait(false);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        // No script at all; the page's own inline style only.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Content(Html(plan, texts[plan.Language]), "text/html; charset=utf-8");
    }

    private static async Task<IResult> MarkdownAsync(string id, IStateStore store, IReadOnlyDictionary<string, ResponseTexts> texts, HttpContext http)
    {
        var plan = await LoadAsync(store, id, http.RequestAborted).ConfigureAwait(false);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        var name = (plan.Language == "nl" ? "wervingsplan" : "recruitment-plan") + ".md";
        return TypedResults.File(Encoding.UTF8.GetBytes(Markdown(plan, texts[plan.Language])), "text/markdown; charset=utf-8", name);
    }

    /// <summary>A plan by its id, straight from the store (a page request is no turn); null when unknown or expired.</summary>
    public static async Task<RecruitmentPlan?> LoadAsync(IStateStore store, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ChecklistSlots.IsPlanId(id))
        {
            return null;
        }

        var slot = ChecklistSlots.Plan(id);
        var item = await store.ReadAsync(slot.Key, cancellationToken).ConfigureAwait(false);
        return item is null ? null : System.Text.Json.JsonSerializer.Deserialize(item.Value.Span, slot.Json);
    }

    public static string Markdown(RecruitmentPlan plan, ResponseTexts texts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(texts);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(plan.Title).AppendLine().AppendLine(plan.Intro).AppendLine();
        foreach (var section in plan.Sections)
        {
            md.Append("## ").AppendLine(section.Heading).AppendLine();
            foreach (var item in section.Items)
            {
                md.Append("- ").AppendLine(AdvisorBot.Cards.CardMarkdown.Escape(item));
            }

            md.AppendLine();
        }

        md.Append('*').Append(plan.Source).Append(" · ").Append(plan.Created.ToString("d MMMM yyyy", texts.Culture)).AppendLine("*");
        return md.ToString();
    }

    /// <summary>The page's look: the central government's colours, readable and printable.</summary>
    private const string Style = """
        <style>
        body { margin: 0; font-family: "RijksoverheidSansWebText", "Segoe UI", Calibri, Verdana, Arial, sans-serif; color: #1a1a1a; background: #f3f3f3; line-height: 1.5; }
        header { background: #154273; color: #fff; }
        header div, main { max-width: 860px; margin: 0 auto; padding: 16px; }
        h1 { margin: 0; font-size: 1.6rem; }
        main { background: #fff; }
        h2 { color: #154273; font-size: 1.2rem; margin-top: 1.6em; border-bottom: 2px solid #e6eef5; }
        footer { max-width: 860px; margin: 0 auto; padding: 12px 16px 32px; color: #595959; font-size: .9rem; }
        a { color: #01689b; }
        @media print { header { background: none; color: #000; } body { background: #fff; } .download { display: none; } }
        </style>
        """;

    public static string Html(RecruitmentPlan plan, ResponseTexts texts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(texts);
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="{{e.Encode(plan.Language)}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <link rel="icon" href="data:,">
            <title>{{e.Encode(plan.Title)}}</title>
            {{Style}}
            </head>
            <body>
            <header><div><h1>{{e.Encode(plan.Title)}}</h1></div></header>
            <main>
            <p>{{e.Encode(plan.Intro)}}</p>
            """);
        AppendSections(html, plan, e);
        var note = texts.For(ChecklistSlots.PlanTexts).Line("pageNote");
        var download = texts.For(ChecklistSlots.PlanTexts).Line("downloadMarkdown");
        html.Append(CultureInfo.InvariantCulture, $"""
            <p class="download"><a href="{e.Encode(plan.Id)}.md">{e.Encode(download)}</a></p>
            </main>
            <footer><p>{e.Encode(plan.Source)} · {e.Encode(plan.Created.ToString("d MMMM yyyy", texts.Culture))}</p><p>{e.Encode(note)}</p></footer>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static void AppendSections(StringBuilder html, RecruitmentPlan plan, HtmlEncoder e)
    {
        foreach (var section in plan.Sections)
        {
            html.Append("<section><h2>").Append(e.Encode(section.Heading)).Append("</h2><ul>");
            foreach (var item in section.Items)
            {
                html.Append("<li>").Append(e.Encode(item)).Append("</li>");
            }

            html.Append("</ul></section>\n");
        }
    }
}
