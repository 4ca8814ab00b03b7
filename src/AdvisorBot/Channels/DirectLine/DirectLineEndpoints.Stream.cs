using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>The WebSocket stream: everything after the watermark, then live activity sets, with keep-alives.</summary>
public static partial class DirectLineEndpoints
{
    public static async Task StreamAsync(HttpContext http, string conversationId, string? t, string? watermark, DirectLineTokens tokens, IActivityLog log,
        IActivityNotifier notifier, IOptions<DirectLineOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        if (await RefuseStreamAsync(http, conversationId, t, watermark, tokens, log).ConfigureAwait(false) is { } refusal)
        {
            await refusal.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        TryParseWatermark(watermark, out var position);
        using var socket = await http.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        OpenSockets.Add(1);
        using var counted = new Counted();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var appended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = notifier.Subscribe(conversationId, () => appended.Writer.TryWrite(true));
        var receiving = ReceiveUntilClosedAsync(socket, stop);
        appended.Writer.TryWrite(true); // first: everything after the watermark, then live
        try
        {
            await PumpAsync(socket, conversationId, position, log, appended.Reader, options.Value.KeepAliveInterval, time, stop.Token).ConfigureAwait(false);
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

    /// <summary>Why the stream cannot open (credentials, conversation, upgrade, watermark), or null.</summary>
    private static async Task<IResult?> RefuseStreamAsync(HttpContext http, string conversationId, string? t, string? watermark, DirectLineTokens tokens, IActivityLog log)
    {
        var (status, grant) = await tokens.AuthenticateAsync(t ?? "", allowExpiredWithin: null, http.RequestAborted).ConfigureAwait(false);
        return status != CredentialStatus.Valid ? CredentialError(status)
            : !grant!.Allows(conversationId) ? NotThisConversation()
            : !http.WebSockets.IsWebSocketRequest ? Error(StatusCodes.Status400BadRequest, "BadArgument", "The stream is a WebSocket; connect with an upgrade request.")
            : !TryParseWatermark(watermark, out _) ? BadWatermark()
            : await log.GetAsync(conversationId, http.RequestAborted).ConfigureAwait(false) is null ? UnknownConversation()
            : null;
    }

    /// <summary>Sends what the log holds after the position whenever something is appended, and a keep-alive when nothing is.</summary>
    private static async Task PumpAsync(WebSocket socket, string conversationId, int position, IActivityLog log, ChannelReader<bool> appended,
        TimeSpan keepAliveInterval, TimeProvider time, CancellationToken stop)
    {
        Task<bool>? waiting = null;
        while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
        {
            waiting ??= appended.WaitToReadAsync(stop).AsTask();
            var keepAlive = Task.Delay(keepAliveInterval, time, stop);
            if (await Task.WhenAny(waiting, keepAlive).ConfigureAwait(false) == waiting)
            {
                waiting = null;
                appended.TryRead(out _);
                while (await log.ReadAsync(conversationId, position, MaxActivitiesPerSet, stop).ConfigureAwait(false) is { Activities.Count: > 0 } set)
                {
                    await SendAsync(socket, JsonSerializer.SerializeToUtf8Bytes(set, DirectLineJsonContext.Default.ActivitySet), stop).ConfigureAwait(false);
                    position = int.Parse(set.Watermark, CultureInfo.InvariantCulture);
                }
            }
            else if (!stop.IsCancellationRequested)
            {
                await SendAsync(socket, ReadOnlyMemory<byte>.Empty, stop).ConfigureAwait(false); // keep-alive: an empty frame
            }
        }

        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "Service stopping", CancellationToken.None).ConfigureAwait(false);
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

    /// <summary>Direct Line WebSocket streams open right now (a gauge for the operator).</summary>
    private static readonly System.Diagnostics.Metrics.UpDownCounter<long> OpenSockets =
        new System.Diagnostics.Metrics.Meter(TelemetryName).CreateUpDownCounter<long>("advisorbot.directline.sockets", "{socket}", "Open Direct Line WebSocket streams");

    public const string TelemetryName = "AdvisorBot.DirectLine";

    private sealed class Counted : IDisposable
    {
        public void Dispose() => OpenSockets.Add(-1);
    }
}
