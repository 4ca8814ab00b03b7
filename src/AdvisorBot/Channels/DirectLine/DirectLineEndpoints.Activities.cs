using System.Globalization;
using AdvisorBot.Channels.BotFramework;
using AdvisorBot.Protocol;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>Sending and polling activities.</summary>
public static partial class DirectLineEndpoints
{
    public static async Task<IResult> PostActivityAsync(HttpContext http, string conversationId, DirectLineTokens tokens, IActivityLog log,
        DirectLineBot bot, IDirectLineRateLimiter limiter, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(loggers);
        var (grant, error) = await AuthorizeAsync(http, tokens, conversationId).ConfigureAwait(false);
        var conversation = error is null ? await log.GetAsync(conversationId, http.RequestAborted).ConfigureAwait(false) : null;
        if (error is not null || conversation is null)
        {
            return error ?? UnknownConversation();
        }

        var rate = await limiter.AcquireAsync(conversationId, http.RequestAborted).ConfigureAwait(false);
        if (!rate.Acquired)
        {
            return TooManyRequests(http, rate.RetryAfter);
        }

        var (activity, userId, refusal) = await ReadPostAsync(http, grant!, conversation).ConfigureAwait(false);
        return refusal ?? await PostAsync(http, conversationId, activity!, userId!, bot, loggers).ConfigureAwait(false);
    }

    private static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many messages in a short time; wait a moment and send again.");
    }

    /// <summary>The posted activity and who sent it, or why it is refused.</summary>
    private static async Task<(Activity? Activity, string? UserId, IResult? Refusal)> ReadPostAsync(HttpContext http, DirectLineGrant grant, DirectLineConversation conversation)
    {
        var (activity, problem) = await BotFrameworkEndpoints.ReadActivityAsync(http.Request, http.RequestAborted, requireConversation: false).ConfigureAwait(false);
        if (problem is not null)
        {
            var code = problem.StatusCode == StatusCodes.Status413PayloadTooLarge ? "MessageSizeTooBig" : "BadArgument";
            return (null, null, Error(problem.StatusCode, code, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Bad activity."));
        }

        if (activity!.Attachments is { Count: > 0 })
        {
            return (null, null, Error(StatusCodes.Status400BadRequest, "BadArgument", "AdvisorBot does not take files or attachments; ask your question as text."));
        }

        var userId = grant.UserId ?? activity.From?.Id ?? conversation.UserId;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return (null, null, Error(StatusCodes.Status400BadRequest, "MissingProperty", "The activity has no 'from.id'."));
        }

        if (grant.UserId is null && !grant.IsSecret && userId.StartsWith("dl_", StringComparison.Ordinal))
        {
            return (null, null, Error(StatusCodes.Status400BadRequest, "BadArgument", "User ids starting with 'dl_' come only from a token."));
        }

        return (activity, userId, null);
    }

    private static async Task<IResult> PostAsync(HttpContext http, string conversationId, Activity activity, string userId, DirectLineBot bot, ILoggerFactory loggers)
    {
        try
        {
            var serviceUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{BasePath}";
            var id = await bot.PostAsync(conversationId, activity, userId, serviceUrl, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Json(new ResourceResponse(id), DirectLineJsonContext.Default.ResourceResponse);
        }
        catch (UnreadableActivityException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", ex.Message);
        }
        catch (ConversationFullException)
        {
            return Error(StatusCodes.Status403Forbidden, "ConversationFull", "This conversation is full; reload the page to start a new one.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PostFailed(loggers.CreateLogger("AdvisorBot.Channels.DirectLine"), ex, conversationId);
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

    private static partial class Log
    {
        [LoggerMessage(5001, LogLevel.Error, "Direct Line conversation {ConversationId}: posting an activity failed")]
        public static partial void PostFailed(ILogger logger, Exception exception, string conversationId);
    }
}
