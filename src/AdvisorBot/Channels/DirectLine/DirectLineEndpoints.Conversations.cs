using AdvisorBot.Protocol;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>Tokens and conversations: generate, refresh, start, reconnect.</summary>
public static partial class DirectLineEndpoints
{
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
}
