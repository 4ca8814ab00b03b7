using System.Security.Cryptography;
using AdvisorBot.Cards;
using AdvisorBot.Knowledge;
using AdvisorBot.Turn;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace AdvisorBot.Channels.Charts;

/// <summary>
/// <c>GET /charts/{profile}/{intent}/{chart}.{language}[@2x].png</c>: the PNG of a chart in an answer card, for hosts that
/// cannot draw Teams' chart elements (Web Chat). The image is drawn from the profile by asking the bot for the topic's
/// answer again (answers are deterministic), so every instance can serve every chart without shared state; drawn images are
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
        ITurnProcessor bot, ITargetGroupCatalog catalog, CardLanguages languages, IMemoryCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(languages);
        ArgumentNullException.ThrowIfNull(cache);
        if (!TryParseFile(file, out var chartKey, out var language, out var scale) || languages.Find(language) is not { } cardLanguage
            || await catalog.GetAsync(profileId, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            return TypedResults.NotFound();
        }

        var cacheKey = $"chart/{profile.Id}/{profile.Version}/{intent}/{chartKey}/{language}/{scale}";
        if (!cache.TryGetValue<(byte[] Png, string ETag)>(cacheKey, out var image))
        {
            var answer = await bot.AnswerTopicAsync(profile.Id, intent, language, cancellationToken).ConfigureAwait(false);
            if (answer?.Charts.FirstOrDefault(c => c.Key == chartKey) is not { } chart)
            {
                return TypedResults.NotFound();
            }

            var png = ChartImageRenderer.RenderPng(chart, cardLanguage.Culture, scale);
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
