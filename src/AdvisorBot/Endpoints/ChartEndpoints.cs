using System.Security.Cryptography;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace AdvisorBot.Endpoints;

/// <summary>
/// <c>GET /charts/{profile}/{intent}/{chart}.{language}[@2x].png</c>: the PNG of a chart in an answer card, for hosts that
/// cannot draw Teams' chart elements (Web Chat). The image is drawn from the profile by running the intent's handler
/// again (answers are deterministic), so every instance can serve every chart without shared state; drawn images are
/// cached in memory and answered with an ETag and a year-long Cache-Control (the URL carries the profile version).
/// </summary>
public static class ChartEndpoints
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/charts/{profileId}/{intent}/{file}", GetChartAsync).WithName("GetChart").WithSummary("A chart of an answer card as PNG");
        return routes;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, NotFound>> GetChartAsync(
        string profileId, string intent, string file, HttpContext http,
        ITargetGroupCatalog catalog, IEnumerable<IIntentHandler> handlers, IReadOnlyDictionary<string, ResponseTexts> texts,
        QuantityRecognizer quantities, IMemoryCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(cache);
        if (!TryParseFile(file, out var chartKey, out var language, out var scale) || !texts.TryGetValue(language, out var languageTexts))
        {
            return TypedResults.NotFound();
        }

        var profile = await catalog.GetAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return TypedResults.NotFound();
        }

        var cacheKey = $"chart/{profile.Id}/{profile.Version}/{intent}/{chartKey}/{language}/{scale}";
        if (!cache.TryGetValue<(byte[] Png, string ETag)>(cacheKey, out var image))
        {
            var handler = handlers.FirstOrDefault(h => h.Intent == intent);
            if (handler is null)
            {
                return TypedResults.NotFound();
            }

            var turn = new TurnContext
            {
                Text = languageTexts.Intents.GetValueOrDefault(intent)?.Lines.GetValueOrDefault("ask") ?? intent,
                Language = language,
                Texts = languageTexts,
                Match = new ProfileMatch(profile, []),
                State = new ConversationState(),
                Quantities = quantities,
            };
            var answer = await handler.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
            var chart = answer.Charts.FirstOrDefault(c => c.Key == chartKey);
            if (chart is null)
            {
                return TypedResults.NotFound();
            }

            var png = ChartImageRenderer.RenderPng(chart, languageTexts.Culture, scale);
            image = (png, $"\"{Convert.ToHexStringLower(SHA256.HashData(png))[..16]}\"");
            cache.Set(cacheKey, image, new MemoryCacheEntryOptions { Size = png.Length, SlidingExpiration = TimeSpan.FromHours(6) });
        }

        var headers = http.Response.GetTypedHeaders();
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = CacheFor };
        headers.ETag = new EntityTagHeaderValue(image.ETag);
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Tag == image.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(image.Png, "image/png");
    }

    /// <summary>"pull-factors.nl.png" or "pull-factors.nl@2x.png".</summary>
    private static bool TryParseFile(string file, out string chartKey, out string language, out int scale)
    {
        chartKey = language = "";
        scale = 1;
        if (!file.EndsWith(".png", StringComparison.Ordinal))
        {
            return false;
        }

        var stem = file[..^4];
        if (stem.EndsWith("@2x", StringComparison.Ordinal))
        {
            scale = 2;
            stem = stem[..^3];
        }

        var dot = stem.LastIndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        chartKey = stem[..dot];
        language = stem[(dot + 1)..];
        return true;
    }
}
