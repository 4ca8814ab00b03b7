using System.Security.Cryptography;
using System.Text;
using AdvisorBot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AdvisorBot.Channels.WebChat;

/// <summary>
/// The intranet page: <c>GET /</c> (Web Chat, served by this service from <c>webchat/</c>, no CDN) and
/// <c>POST /api/webchat/token</c>, which hands the page a Direct Line token so no secret reaches the browser.
/// </summary>
public static class WebChatEndpoints
{
    public const string AssetsFolder = "webchat";

    /// <summary>The rate-limiter policy of the token endpoint: per client address.</summary>
    public const string TokenRatePolicy = "webchat-token";

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/webchat/token", IssueTokenAsync).RequireCors(DirectLineEndpoints.CorsPolicy).RequireRateLimiting(TokenRatePolicy).WithTags("Web Chat");
        routes.MapGet("/", (HttpContext http) => Asset(http, "index.html")).ExcludeFromDescription();
        routes.MapGet("/webchat/{file}", (HttpContext http, string file) => Asset(http, file)).RequireCors(DirectLineEndpoints.CorsPolicy).ExcludeFromDescription();
        return routes;
    }

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>
    /// One of the page's files, with an ETag and revalidation; <c>webchat.js</c> (3.9 MB) also gzip-compressed at
    /// build time, sent as such to browsers that accept it.
    /// </summary>
    private static IResult Asset(HttpContext http, string file)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, AssetsFolder);
        if (file.Contains("..", StringComparison.Ordinal) || file.Contains('/', StringComparison.Ordinal) || file.Contains('\\', StringComparison.Ordinal)
            || !ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType) || file.EndsWith(".gz", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            return TypedResults.NotFound();
        }

        var gzip = path + ".gz";
        var acceptsGzip = http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (acceptsGzip && File.Exists(gzip))
        {
            http.Response.Headers.ContentEncoding = "gzip";
            path = gzip;
        }

        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy(http);
        http.Response.Headers["Referrer-Policy"] = "same-origin";
        http.Response.Headers.CacheControl = "no-cache"; // revalidate with the ETag: a new release shows at once
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var info = new FileInfo(path);
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        return TypedResults.PhysicalFile(path, contentType, lastModified: info.LastWriteTimeUtc, entityTag: etag);
    }

    /// <summary>
    /// The page runs only its own scripts (Web Chat and embed.js, no inline script), talks only to this service
    /// (REST and the WebSocket stream) and shows images from it; Web Chat injects its styles at run time, so inline
    /// styles stay allowed. Pages that embed the chat set their own policy.
    /// </summary>
    public static string ContentSecurityPolicy(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var host = http.Request.Host.Value;
        var images = http.RequestServices.GetService<AdvisorBot.Cards.IPublicBaseUrl>()?.Current is { Length: > 0 } publicBase
            && Uri.TryCreate(publicBase, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        var embedders = http.RequestServices.GetService<IOptions<DirectLineOptions>>()?.Value.AllowedOrigins is { Count: > 0 } origins ? " " + string.Join(' ', origins) : "";
        return $"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{images}; " +
            $"connect-src 'self' ws://{host} wss://{host}; font-src 'self' data:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
            $"form-action 'none'; frame-ancestors 'self'{embedders}";
    }

    /// <summary>
    /// Answers like <c>tokens/generate</c> (<c>conversationId</c>, <c>token</c>, <c>expires_in</c>, plus <c>userId</c>).
    /// A page that still holds a token of its conversation (even an expired one, within the conversation's lifetime)
    /// sends it as <c>Authorization</c> and gets a new token for the same conversation, so a reload keeps the history.
    /// </summary>
    public static async Task<IResult> IssueTokenAsync(HttpContext http, DirectLineTokens tokens, IActivityLog log, IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var userName = SignedInUser(http, settings);
        if (settings.WebChatTokenAccess == WebChatTokenAccess.AuthenticatedUser && userName is null)
        {
            return DirectLineEndpoints.Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Sign in to the intranet to chat with AdvisorBot.");
        }

        var userId = userName is null ? null : "dl_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userName.ToUpperInvariant())))[..24];
        var ct = http.RequestAborted;
        var previous = http.Request.Headers.Authorization.ToString();
        if (previous.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var (status, grant) = await tokens.AuthenticateAsync(previous["Bearer ".Length..].Trim(), settings.ConversationTimeToLive, ct).ConfigureAwait(false);
            if (status == CredentialStatus.Valid && grant is { IsSecret: false, ConversationId: { } resumed }
                && (userId is null || grant.UserId == userId)
                && await log.GetAsync(resumed, ct).ConfigureAwait(false) is not null)
            {
                var again = await tokens.IssueAsync(resumed, grant.UserId, grant.UserName, ct).ConfigureAwait(false);
                return TypedResults.Json(new ConversationResponse(resumed, again.Token, again.ExpiresIn, UserId: grant.UserId), DirectLineJsonContext.Default.ConversationResponse);
            }
        }

        userId ??= DirectLineTokens.NewAnonymousUserId();
        var conversationId = DirectLineTokens.NewConversationId();
        await log.CreateAsync(conversationId, userId, ct).ConfigureAwait(false);
        var issued = await tokens.IssueAsync(conversationId, userId, userName, ct).ConfigureAwait(false);
        return TypedResults.Json(new ConversationResponse(conversationId, issued.Token, issued.ExpiresIn, UserId: userId), DirectLineJsonContext.Default.ConversationResponse);
    }

    private static string? SignedInUser(HttpContext http, DirectLineOptions settings)
    {
        if (http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return name;
        }

        return settings.TrustedUserHeader is { Length: > 0 } header && http.Request.Headers[header].ToString() is { Length: > 0 } fromProxy
            ? fromProxy
            : null;
    }
}
