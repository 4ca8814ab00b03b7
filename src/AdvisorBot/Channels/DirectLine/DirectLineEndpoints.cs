using System.Globalization;
using System.Text.Json;
using AdvisorBot.Protocol;

namespace AdvisorBot.Channels.DirectLine;

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

    /// <summary>Watermarks are positions in the log; empty or absent means from the start.</summary>
    public static bool TryParseWatermark(string? watermark, out int position)
    {
        position = 0;
        return string.IsNullOrEmpty(watermark)
            || (int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out position) && position >= 0);
    }
}
