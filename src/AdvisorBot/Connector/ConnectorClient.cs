using System.Net.Http.Json;
using AdvisorBot.Protocol;

namespace AdvisorBot.Connector;

public interface IConnectorClient
{
    /// <summary>Sends a reply to the channel's Connector: <c>POST {serviceUrl}/v3/conversations/{id}/activities/{replyToId}</c>.</summary>
    Task<ResourceResponse?> SendAsync(Activity reply, CancellationToken cancellationToken);
}

/// <summary>
/// The Bot Connector REST client for replies. Ids are URL-encoded (Teams ids hold ':', '@', ';'); the serviceUrl is
/// used verbatim with exactly one '/' joining. Without a configured app id no token is sent, as the SDKs do in
/// development; the Teams work adds the client-credentials token and retries.
/// </summary>
public sealed class ConnectorClient(HttpClient http) : IConnectorClient
{
    public async Task<ResourceResponse?> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var uri = ReplyUri(reply);
        using var response = await http.PostAsJsonAsync(uri, reply, ProtocolJsonContext.Default.Activity, cancellationToken).ConfigureAwait(false);
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
