using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdvisorBot.Protocol.Authentication;
using AdvisorBot.Protocol;

namespace AdvisorBot.Protocol.Connector;

public interface IConnectorClient
{
    /// <summary>Sends a reply to the channel's Connector: <c>POST {serviceUrl}/v3/conversations/{id}/activities/{replyToId}</c>.</summary>
    Task<ResourceResponse?> SendAsync(Activity reply, CancellationToken cancellationToken);
}

/// <summary>
/// The Bot Connector REST client for replies. Ids are URL-encoded (Teams ids hold ':', '@', ';'); the serviceUrl is
/// used verbatim with exactly one '/' joining. With an app id the bot's token goes along, but only to serviceUrls
/// that arrived on authenticated activities; without one (development) no token is sent, as in the SDKs.
/// 429 and 5xx are retried by the resilience handler the client is registered with (Hosting), honouring Retry-After.
/// </summary>
public sealed class ConnectorClient(HttpClient http, IBotTokenProvider tokens, ServiceUrlTrust trust) : IConnectorClient
{
    /// <summary>At most this long is waited for one Retry-After, so a reply is not held for minutes.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(20);

    public async Task<ResourceResponse?> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var uri = ReplyUri(reply);
        var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token is not null && !trust.IsTrusted(reply.ServiceUrl!))
        {
            throw new InvalidOperationException("The reply's serviceUrl did not arrive on an authenticated activity; the bot's token is not sent there.");
        }

        // Retries (429, 5xx, Retry-After) are the HTTP client's resilience handler's, registered with the client.
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(reply, ProtocolJsonContext.Default.Activity) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength is 0)
        {
            return null;
        }

        return await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ResourceResponse, cancellationToken).ConfigureAwait(false);
    }

    public static Uri ReplyUri(Activity reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var serviceUrl = reply.ServiceUrl ?? throw new InvalidOperationException("A reply needs the serviceUrl of the activity it answers.");
        var conversationId = reply.Conversation?.Id ?? throw new InvalidOperationException("A reply needs a conversation id.");
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (reply.ReplyToId is { Length: > 0 } replyTo)
        {
            path += "/" + Uri.EscapeDataString(replyTo);
        }

        return new Uri(serviceUrl.TrimEnd('/') + "/" + path);
    }
}
