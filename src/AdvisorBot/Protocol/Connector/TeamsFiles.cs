using System.Text;
using System.Text.Json.Nodes;
using AdvisorBot.Protocol;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Protocol.Connector;

/// <summary>
/// A .txt file a user sends the bot in Teams (personal chat, <c>supportsFiles</c>): Teams puts a
/// <c>application/vnd.microsoft.teams.file.download.info</c> attachment with a short-lived, pre-authorised
/// <c>downloadUrl</c> on the message. Only plain-text files up to 100 KB are read, only over https when the bot
/// authenticates its channel (plain http is allowed in anonymous development mode), and within 10 seconds.
/// </summary>
public sealed partial class TeamsFiles(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, ILogger<TeamsFiles> logger)
{
    public const string DownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    public const string HttpClientName = "teams-files";
    public const int MaxBytes = 100 * 1024;

    /// <summary>The download URL of the first .txt file on the message, if any.</summary>
    public static Uri? TextFile(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentType == DownloadInfo && attachment.Content is JsonObject content
                && (JsonRead.Text(JsonRead.Member(content, "fileType")) is "txt" || (attachment.Name?.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ?? false))
                && JsonRead.Text(JsonRead.Member(content, "downloadUrl")) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                && uri.Scheme is "https" or "http")
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>The file's text, or null if it cannot be read (too large, not allowed, unreachable).</summary>
    public async Task<string?> ReadTextAsync(Uri downloadUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downloadUrl);
        if (downloadUrl.Scheme != Uri.UriSchemeHttps && (options.Value.AuthenticationEnabled || downloadUrl.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await httpClients.CreateClient(HttpClientName)
                .GetAsync(downloadUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxBytes)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = new byte[MaxBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            return read > MaxBytes ? null : Encoding.UTF8.GetString(buffer, 0, read).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.DownloadFailed(logger, ex);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6001, LogLevel.Warning, "Could not read a file a Teams user sent")]
        public static partial void DownloadFailed(ILogger logger, Exception exception);
    }
}
