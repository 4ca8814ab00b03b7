using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using AdvisorBot.DirectLine;
using AdvisorBot.Protocol;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Endpoints;

/// <summary>
/// A self-hosted Direct Line 3.0 service under <c>/v3/directline</c>, as <c>botframework-directlinejs</c> (inside
/// Web Chat) calls it: tokens, start, reconnect, send, poll, and the WebSocket stream. Errors come in the
/// <c>{ "error": { "code", "message" } }</c> shape; polls never wait and never answer 5xx, which would stop the
/// client's polling for good.
/// </summary>
public static partial class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";
    public const string CorsPolicy = "DirectLine";
    private const int MaxActivitiesPerSet = 100;

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).RequireCors(CorsPolicy).WithTags("Direct Line");
        group.MapPost("/tokens/generate", GenerateTokenAsync);
        group.MapPost("/tokens/refresh", RefreshTokenAsync);
        group.MapPost("/conversations", StartConversationAsync);
        group.MapGet("/conversations/{conversationId}", ReconnectAsync);
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        group.MapPost("/conversations/{conversationId}/upload", (string conversationId) => Error(StatusCodes.Status400BadRequest, "BadArgument",
            "AdvisorBot does not take files or attachments; ask your question as text."));
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync);
        return routes;
    }

    /// <summary>An error in the Direct Line shape.</summary>
    public static IResult Error(int status, string code, string message) =>
        TypedResults.Json(new ErrorResponse(new ErrorDetail(code, message)), DirectLineJsonContext.Default.ErrorResponse, statusCode: status);

    private static IResult CredentialError(CredentialStatus status) => status switch
    {
        CredentialStatus.Missing => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Send 'Authorization: Bearer <token or secret>'."),
        CredentialStatus.Expired => Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired; get a new one."),
        _ => Error(StatusCodes.Status403Forbidden, "Forbidden", "The token or secret is not valid."),
    };

    private static IResult NotThisConversation() =>
        Error(StatusCodes.Status403Forbidden, "Forbidden", "The token is for another conversation.");

    private static IResult BadWatermark() =>
        Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not one this service gave out.");

    private static IResult UnknownConversation() =>
        Error(StatusCodes.Status404NotFound, "NotFound", "The conversation does not exist or has ended.");

    private static async Task<(DirectLineGrant? Grant, IResult? Error)> AuthorizeAsync(HttpContext http, DirectLineTokens tokens, string? conversationId)
    {
        var (status, grant) = await tokens.AuthenticateHeaderAsync(http.Request.Headers.Authorization, http.RequestAborted).ConfigureAwait(false);
        if (status != CredentialStatus.Valid)
        {
            return (null, CredentialError(status));
        }

        return conversationId is not null && !grant!.Allows(conversationId) ? (null, NotThisConversation()) : (grant, null);
    }

    private static async Task<(ConversationRequest? Body, IResult? Error)> ReadOptionalBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || !(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (null, null);
        }

        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, DirectLineJsonContext.Default.ConversationRequest, cancellationToken).ConfigureAwait(false), null);
        }
        catch (JsonException)
        {
            return (null, Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid JSON."));
        }
    }

    /// <summary>The stream URL for a conversation: absolute ws(s), on the host the client reached, with the token in it.</summary>
    public static string StreamUrl(HttpRequest request, string conversationId, string token, string? watermark)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{request.Host}{request.PathBase}{BasePath}/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return string.IsNullOrEmpty(watermark) ? url : $"{url}&watermark={Uri.EscapeDataString(watermark)}";
    }

    public static async Task<IResult> GenerateTokenAsync(HttpContext http, DirectLineTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (grant, error) = await AuthorizeAsync(http, tokens, null).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (!grant!.IsSecret)
        {
            return Error(StatusCodes.Status403Forbidden, "Forbidden", "Only a Direct Line secret can generate tokens.");
        }

        var (body, bodyError) = await ReadOptionalBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var userId = body?.User?.Id is { Length: > 0 } id ? (id.StartsWith("dl_", StringComparison.Ordinal) ? id : "dl_" + id) : null;
        var issued = await tokens.IssueAsync(DirectLineTokens.NewConversationId(), userId, body?.User?.Name, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new ConversationResponse(issued.ConversationId, issued.Token, issued.ExpiresIn), DirectLineJsonContext.Default.ConversationResponse);
    }

    public static async Task<IResult> RefreshTokenAsync(HttpContext http, DirectLineTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (grant, error) = await AuthorizeAsync(http, tokens, null).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (grant!.IsSecret)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "A secret does not expire; refresh a token instead.");
        }

        var issued = await tokens.IssueAsync(grant.ConversationId!, grant.UserId, grant.UserName, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new ConversationResponse(issued.ConversationId, issued.Token, issued.ExpiresIn), DirectLineJsonContext.Default.ConversationResponse);
    }

    public static async Task<IResult> StartConversationAsync(HttpContext http, DirectLineTokens tokens, IActivityLog log)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(log);
        var (grant, error) = await AuthorizeAsync(http, tokens, null).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var (body, bodyError) = await ReadOptionalBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return bodyError;
        }

        var conversationId = grant!.ConversationId ?? DirectLineTokens.NewConversationId();
        var userId = grant.UserId ?? (grant.IsSecret ? body?.User?.Id : null);
        var created = await log.CreateAsync(conversationId, userId, http.RequestAborted).ConfigureAwait(false);
        // Always a token in the answer: Web Chat replaces its own with it (without one it sends "Bearer undefined").
        var issued = await tokens.IssueAsync(conversationId, grant.UserId, grant.UserName, http.RequestAborted).ConfigureAwait(false);
        var response = new ConversationResponse(conversationId, issued.Token, issued.ExpiresIn, StreamUrl(http.Request, conversationId, issued.Token, null));
        return TypedResults.Json(response, DirectLineJsonContext.Default.ConversationResponse, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public static async Task<IResult> ReconnectAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, IActivityLog log)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(log);
        var (grant, error) = await AuthorizeAsync(http, tokens, conversationId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (await log.GetAsync(conversationId, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return UnknownConversation();
        }

        if (!TryParseWatermark(watermark, out _))
        {
            return BadWatermark();
        }

        var issued = await tokens.IssueAsync(conversationId, grant!.UserId, grant.UserName, http.RequestAborted).ConfigureAwait(false);
        var response = new ConversationResponse(conversationId, issued.Token, issued.ExpiresIn, StreamUrl(http.Request, conversationId, issued.Token, watermark));
        return TypedResults.Json(response, DirectLineJsonContext.Default.ConversationResponse);
    }

    public static async Task<IResult> PostActivityAsync(HttpContext http, string conversationId, DirectLineTokens tokens, IActivityLog log,
        DirectLineBot bot, DirectLineRateLimiter limiter, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(loggers);
        var (grant, error) = await AuthorizeAsync(http, tokens, conversationId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var conversation = await log.GetAsync(conversationId, http.RequestAborted).ConfigureAwait(false);
        if (conversation is null)
        {
            return UnknownConversation();
        }

        using var lease = limiter.Acquire(conversationId);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(2);
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many messages in a short time; wait a moment and send again.");
        }

        var (activity, problem) = await BotFrameworkEndpoints.ReadActivityAsync(http.Request, http.RequestAborted, requireConversation: false).ConfigureAwait(false);
        if (problem is not null)
        {
            var code = problem.StatusCode == StatusCodes.Status413PayloadTooLarge ? "MessageSizeTooBig" : "BadArgument";
            return Error(problem.StatusCode, code, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Bad activity.");
        }

        if (activity!.Attachments is { Count: > 0 })
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "AdvisorBot does not take files or attachments; ask your question as text.");
        }

        var userId = grant!.UserId ?? activity.From?.Id ?? conversation.UserId;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return Error(StatusCodes.Status400BadRequest, "MissingProperty", "The activity has no 'from.id'.");
        }

        if (grant.UserId is null && !grant.IsSecret && userId.StartsWith("dl_", StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "User ids starting with 'dl_' come only from a token.");
        }

        try
        {
            var serviceUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{BasePath}";
            var id = await bot.PostAsync(conversationId, activity, userId, serviceUrl, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(new ResourceResponse(id), DirectLineJsonContext.Default.ResourceResponse);
        }
        catch (ConversationFullException)
        {
            return Error(StatusCodes.Status403Forbidden, "ConversationFull", "This conversation is full; reload the page to start a new one.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PostFailed(loggers.CreateLogger("AdvisorBot.Endpoints.DirectLine"), ex, conversationId);
            return Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not take the message; send it again.");
        }
    }

    public static async Task<IResult> GetActivitiesAsync(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, IActivityLog log)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(log);
        var (_, error) = await AuthorizeAsync(http, tokens, conversationId).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (!TryParseWatermark(watermark, out var position))
        {
            return BadWatermark();
        }

        var set = await log.ReadAsync(conversationId, position, MaxActivitiesPerSet, http.RequestAborted).ConfigureAwait(false);
        return set is null ? UnknownConversation() : TypedResults.Json(set, DirectLineJsonContext.Default.ActivitySet);
    }

    public static async Task StreamAsync(HttpContext http, string conversationId, string? t, string? watermark, DirectLineTokens tokens, IActivityLog log,
        IActivityNotifier notifier, IOptions<DirectLineOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        var (status, grant) = await tokens.AuthenticateAsync(t ?? "", allowExpiredWithin: null, http.RequestAborted).ConfigureAwait(false);
        IResult? refusal = status != CredentialStatus.Valid ? CredentialError(status)
            : !grant!.Allows(conversationId) ? NotThisConversation()
            : !http.WebSockets.IsWebSocketRequest ? Error(StatusCodes.Status400BadRequest, "BadArgument", "The stream is a WebSocket; connect with an upgrade request.")
            : !TryParseWatermark(watermark, out _) ? BadWatermark()
            : await log.GetAsync(conversationId, http.RequestAborted).ConfigureAwait(false) is null ? UnknownConversation()
            : null;
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        TryParseWatermark(watermark, out var position);
        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var appended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = notifier.Subscribe(conversationId, () => appended.Writer.TryWrite(true));
        var receiving = ReceiveUntilClosedAsync(socket, stop);
        appended.Writer.TryWrite(true); // first: everything after the watermark, then live

        try
        {
            Task<bool>? waiting = null;
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                waiting ??= appended.Reader.WaitToReadAsync(stop.Token).AsTask();
                var keepAlive = Task.Delay(options.Value.KeepAliveInterval, time, stop.Token);
                if (await Task.WhenAny(waiting, keepAlive).ConfigureAwait(false) == waiting)
                {
                    waiting = null;
                    appended.Reader.TryRead(out _);
                    while (await log.ReadAsync(conversationId, position, MaxActivitiesPerSet, stop.Token).ConfigureAwait(false) is { Activities.Count: > 0 } set)
                    {
                        await SendAsync(socket, JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJsonContext.Default.ActivitySet), stop.Token).ConfigureAwait(false);
                        position = int.Parse(set.Watermark, CultureInfo.InvariantCulture);
                    }
                }
                else if (!stop.IsCancellationRequested)
                {
                    await SendAsync(socket, ReadOnlyMemory<byte>.Empty, stop.Token).ConfigureAwait(false); // keep-alive: an empty frame
                }
            }

            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Service stopping", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the service stops: the client reconnects with its watermark.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
        }
    }

    private static Task SendAsync(WebSocket socket, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    /// <summary>Reads (and ignores) what the client sends — its 20-second liveness pings — until it closes.</summary>
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    }

                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Watermarks are positions in the log; empty or absent means from the start.</summary>
    public static bool TryParseWatermark(string? watermark, out int position)
    {
        position = 0;
        return string.IsNullOrEmpty(watermark)
            || (int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out position) && position >= 0);
    }

    private static partial class Log
    {
        [LoggerMessage(5001, LogLevel.Error, "Direct Line conversation {ConversationId}: posting an activity failed")]
        public static partial void PostFailed(ILogger logger, Exception exception, string conversationId);
    }
}

/// <summary>Per-conversation (so per-token) limit on posted activities: a token bucket, answered with 429 when empty.</summary>
public sealed class DirectLineRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public DirectLineRateLimiter(IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.PostBurst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, o.PostsPerMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public RateLimitLease Acquire(string conversationId) => _limiter.AttemptAcquire(conversationId);

    public void Dispose() => _limiter.Dispose();
}
