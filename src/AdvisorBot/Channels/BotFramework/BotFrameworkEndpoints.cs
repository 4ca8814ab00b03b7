using System.Text.Json;
using AdvisorBot.Protocol.Authentication;
using AdvisorBot.Protocol.Connector;
using AdvisorBot.Protocol;
using AdvisorBot.Turn;
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
        ChannelAuthenticator authenticator, ILoggerFactory loggers, CancellationToken cancellationToken)
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
        if (outcome.Invoke is { } invoke)
        {
            return invoke.Body is null ? TypedResults.StatusCode(invoke.Status) : Results.Json(invoke.Body, ProtocolJsonContext.Default.JsonNode, statusCode: invoke.Status);
        }

        return activity!.DeliveryMode == DeliveryModes.ExpectReplies
            ? TypedResults.Json(new ExpectedReplies(outcome.Replies), ProtocolJsonContext.Default.ExpectedReplies)
            : await DeliverAsync(outcome.Replies, connector, logger, activity.ChannelId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The activity, read and (with an app id) authenticated; or the 400/401 that refuses it.</summary>
    private static async Task<(Activity? Activity, IResult? Refusal)> ReadAuthenticatedAsync(HttpContext http, ChannelAuthenticator authenticator, ILogger logger,
        CancellationToken cancellationToken)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authenticator.Enabled && string.IsNullOrEmpty(authorization))
        {
            Log.Unauthenticated(logger, "no Authorization header");
            return (null, Unauthorized());
        }

        var (activity, problem) = await ReadActivityAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            Log.Rejected(logger, problem.ProblemDetails.Detail);
            return (null, problem);
        }

        if (authenticator.Enabled)
        {
            // Checked against the parsed activity: the key's channel endorsements and the serviceurl claim need it.
            var auth = await authenticator.AuthenticateAsync(authorization, activity!, cancellationToken).ConfigureAwait(false);
            if (!auth.Succeeded)
            {
                Log.Unauthenticated(logger, auth.Failure);
                return (null, Unauthorized());
            }
        }

        return (activity, null);
    }

    /// <summary>Normal delivery: the replies go to the channel's Connector, the POST gets 200 with no body.</summary>
    private static async Task<IResult> DeliverAsync(IReadOnlyList<Activity> replies, IConnectorClient connector, ILogger logger, string? channelId,
        CancellationToken cancellationToken)
    {
        foreach (var reply in replies)
        {
            try
            {
                await connector.SendAsync(reply, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException or Microsoft.Identity.Client.MsalException)
            {
                Log.ReplyFailed(logger, ex, channelId);
                return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Reply not delivered",
                    detail: "The channel's Connector did not accept the reply.");
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

        Activity? activity;
        try
        {
            using var limited = new LimitedStream(request.Body, MaxBodyBytes);
            activity = await JsonSerializer.DeserializeAsync(limited, ProtocolJsonContext.Default.Activity, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine})" : "";
            return (null, Problem(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body is not a valid activity{where}."));
        }
        catch (LimitedStream.TooLargeException)
        {
            return (null, TooLarge());
        }

        return (activity, Check(activity, requireConversation));
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

        return activity.Text is { Length: > MaxTextLength }
            ? Problem(StatusCodes.Status400BadRequest, "Text too long", $"A message may hold at most {MaxTextLength:N0} characters.")
            : null;
    }

    private static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Activity too large", $"An activity may be at most {MaxBodyBytes / 1024} KB.");

    private static ProblemHttpResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The request does not carry a valid Bot Framework token for this bot.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Rejected an activity: {Reason}")]
        public static partial void Rejected(ILogger logger, string? reason);

        [LoggerMessage(3003, LogLevel.Warning, "Refused an unauthenticated activity: {Reason}")]
        public static partial void Unauthenticated(ILogger logger, string? reason);

        [LoggerMessage(3002, LogLevel.Warning, "Could not deliver a reply on channel {ChannelId}")]
        public static partial void ReplyFailed(ILogger logger, Exception exception, string? channelId);
    }

    /// <summary>A read-only view of a stream that fails once more than a limit has been read.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw new TooLargeException() : read;
        }

        public sealed class TooLargeException : Exception;
    }
}
