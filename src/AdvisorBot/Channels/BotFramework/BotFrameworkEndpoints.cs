using System.Text.Json;
using AdvisorBot.Protocol.Authentication;
using AdvisorBot.Protocol.Connector;
using AdvisorBot.Protocol;
using AdvisorBot.Turn;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdvisorBot.Channels.BotFramework;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework Activity protocol. An invoke is answered in the HTTP response;
/// <c>deliveryMode: expectReplies</c> returns the replies in the body; otherwise replies go to the channel's
/// Connector and the POST gets 200 with no body. <c>HEAD /api/messages</c> answers the Agents Playground's probe.
/// </summary>
public static partial class BotFrameworkEndpoints
{
    /// <summary>The longest message text the bot reads; longer is a 400.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>The largest request body read; the Direct Line service caps an activity at 256 KB too.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapBotFramework(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/messages", PostActivityAsync).WithName("PostActivity").WithSummary("Receive a Bot Framework activity");
        routes.MapMethods("/api/messages", [HttpMethods.Head], () => TypedResults.Ok()).WithName("ProbeMessages");
        return routes;
    }

    public static async Task<IResult> PostActivityAsync(HttpContext http, ITurnProcessor processor, IConnectorClient connector,
        ChannelAuthenticator authenticator, ReplyOutbox outbox, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("AdvisorBot.Channels.BotFramework");
        var (activity, refusal) = await ReadAuthenticatedAsync(http, authenticator, logger, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var outcome = await processor.ProcessAsync(activity!, cancellationToken).ConfigureAwait(false);
        if (outcome.Refused is { } refused)
        {
            return Refuse(logger, "bad-activity", refused, Problem(StatusCodes.Status400BadRequest, "Invalid activity", refused));
        }

        if (outcome.Invoke is { } invoke)
        {
            return invoke.Body is null ? TypedResults.StatusCode(invoke.Status) : Results.Json(invoke.Body, ProtocolJsonContext.Default.JsonNode, statusCode: invoke.Status);
        }

        return activity!.DeliveryMode == DeliveryModes.ExpectReplies
            ? TypedResults.Json(new ExpectedReplies(outcome.Replies), ProtocolJsonContext.Default.ExpectedReplies)
            : await DeliverAsync(outcome.Replies, connector, outbox, time, logger, activity.ChannelId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The activity, read and (with an app id) authenticated; or the 400/401 that refuses it.</summary>
    private static async Task<(Activity? Activity, IResult? Refusal)> ReadAuthenticatedAsync(HttpContext http, ChannelAuthenticator authenticator, ILogger logger,
        CancellationToken cancellationToken)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authenticator.Enabled && string.IsNullOrEmpty(authorization))
        {
            return (null, Refuse(logger, "unauthenticated", "no Authorization header", Unauthorized()));
        }

        var (activity, problem) = await ReadActivityAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, Refuse(logger, "bad-activity", problem.ProblemDetails.Detail, problem));
        }

        if (authenticator.Enabled)
        {
            // Checked against the parsed activity: the key's channel endorsements and the serviceurl claim need it.
            var auth = await authenticator.AuthenticateAsync(authorization, activity!, cancellationToken).ConfigureAwait(false);
            if (auth.Unavailable)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(auth.RetryAfter!.Value.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return (null, Refuse(logger, "keys-unavailable", auth.Failure, TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Cannot check the token now", detail: "The identity provider's signing keys are unavailable; try again shortly.")));
            }

            if (!auth.Succeeded)
            {
                return (null, Refuse(logger, "unauthenticated", auth.Failure, Unauthorized()));
            }
        }

        return (activity, null);
    }

    /// <summary>
    /// Normal delivery: the replies go to the channel's Connector; the POST gets 200 once they are delivered, or 202
    /// when some are left to <see cref="ReplyOutbox"/> after <see cref="ReplyOutbox.AcknowledgeWithin"/> or a failure
    /// worth retrying, so the channel never times out and redelivers the turn.
    /// </summary>
    private static async Task<IResult> DeliverAsync(IReadOnlyList<Activity> replies, IConnectorClient connector, ReplyOutbox outbox, TimeProvider time,
        ILogger logger, string? channelId, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(ReplyOutbox.AcknowledgeWithin, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget.Token, cancellationToken);
        for (var i = 0; i < replies.Count; i++)
        {
            try
            {
                await connector.SendAsync(replies[i], linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is HttpRequestException || (ex is OperationCanceledException && budget.IsCancellationRequested)) && !cancellationToken.IsCancellationRequested)
            {
                Log.ReplyQueued(logger, channelId);
                return outbox.TryEnqueue(replies.Skip(i))
                    ? TypedResults.Accepted((string?)null)
                    : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy", detail: "Replies are queued beyond capacity; try again later.");
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Identity.Client.MsalException)
            {
                Log.ReplyFailed(logger, ex, channelId);
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Reply not delivered",
                    detail: "The channel's Connector cannot be given the reply.");
            }
        }

        return TypedResults.Ok();
    }

    /// <summary>Reads and checks the body; bad input gives a 400 (or 413/415) ProblemDetails, never an exception.</summary>
    public static async Task<(Activity? Activity, ProblemHttpResult? Problem)> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken,
        bool requireConversation = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        if (!(request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the activity as application/json."));
        }

        var (activity, problem) = await DeserializeAsync(request, cancellationToken).ConfigureAwait(false);
        return problem is not null ? (null, problem) : (activity, Check(activity, requireConversation));
    }

    /// <summary>The body as an activity, within the size and depth limits; or the 400/413 that refuses it.</summary>
    private static async Task<(Activity? Activity, ProblemHttpResult? Problem)> DeserializeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The server's own limit, for bodies without a Content-Length (chunked): reading past it fails with a 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        try
        {
            // Read whole (at most 256 KB) so half-characters can be repaired before anything parses them.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
            var json = body.GetBuffer().AsMemory(0, (int)body.Length);
            JsonEscapes.RepairLoneSurrogates(json.Span);
            return (JsonSerializer.Deserialize(json.Span, ProtocolJson.Input.Activity), null);
        }
        catch (JsonException ex) when (ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Nested too deep", $"An activity may nest at most {ProtocolJson.MaxDepth} levels."));
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine})" : "";
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not a valid activity{where}."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
    }

    /// <summary>What a well-formed activity must hold: a type, a conversation (for the known types), text within the limit.</summary>
    private static ProblemHttpResult? Check(Activity? activity, bool requireConversation)
    {
        if (activity is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Missing activity", "The body must be a JSON object.");
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", "The activity has no 'type'.");
        }

        if (requireConversation && ActivityTypes.Known.Contains(activity.Type) && string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid activity", "The activity has no 'conversation.id'.");
        }

        if (requireConversation && Problem(activity.ServiceUrl, activity.DeliveryMode, activity.Type) is { } serviceUrlProblem)
        {
            return serviceUrlProblem;
        }

        return activity.Text is { Length: > MaxTextLength }
            ? Problem(StatusCodes.Status400BadRequest, "Text too long", $"A message may hold at most {MaxTextLength:N0} characters.")
            : null;
    }

    /// <summary>Replies go to the serviceUrl: it must be an absolute http(s) URL, and present unless the replies come back in the response.</summary>
    private static ProblemHttpResult? Problem(string? serviceUrl, string? deliveryMode, string type)
    {
        if (serviceUrl is null)
        {
            return deliveryMode == DeliveryModes.ExpectReplies || !ActivityTypes.Known.Contains(type)
                ? null
                : Problem(StatusCodes.Status400BadRequest, "Invalid activity", "The activity has no 'serviceUrl' to reply to.");
        }

        return Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? null
            : Problem(StatusCodes.Status400BadRequest, "Invalid activity", "The activity's 'serviceUrl' is not an absolute http(s) URL.");
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"An activity may be at most {MaxBodyBytes / 1024} KB.");

    /// <summary>Counts every refused request by reason; the reason goes to the log at Debug only (a flood must not flood the log).</summary>
    private static readonly System.Diagnostics.Metrics.Counter<long> Rejections =
        new System.Diagnostics.Metrics.Meter("AdvisorBot.BotFramework").CreateCounter<long>("advisorbot.botframework.rejections", description: "Requests to /api/messages refused, by reason");

    private static IResult Refuse(ILogger logger, string reason, string? detail, IResult result)
    {
        Rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
        Log.Rejected(logger, reason, LogText.Safe(detail));
        return result;
    }

    private static ProblemHttpResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request does not carry a valid Bot Framework token for this bot.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Debug, "Refused a request to /api/messages ({Reason}): {Detail}")]
        public static partial void Rejected(ILogger logger, string reason, string detail);

        [LoggerMessage(3004, LogLevel.Information, "Replies on channel {ChannelId} were not delivered in time; left to the outbox")]
        public static partial void ReplyQueued(ILogger logger, string? channelId);

        [LoggerMessage(3002, LogLevel.Warning, "Could not deliver a reply on channel {ChannelId}")]
        public static partial void ReplyFailed(ILogger logger, Exception exception, string? channelId);
    }
}
