using System.Threading.Channels;
using AdvisorBot.Protocol;
using AdvisorBot.Protocol.Connector;

namespace AdvisorBot.Channels.BotFramework;

/// <summary>
/// Replies that could not be delivered while the channel waited: Teams redelivers an activity whose POST takes longer
/// than 15 s, so <c>/api/messages</c> answers within <see cref="AcknowledgeWithin"/> and hands what is left to this
/// bounded queue, which delivers each turn's replies in order in the background, retrying with backoff, and gives up
/// after a few tries. Turns are delivered side by side (at most <see cref="Parallelism"/>), so one unreachable
/// Connector does not hold up the replies of every other conversation.
/// </summary>
public sealed partial class ReplyOutbox(IServiceProvider services, TimeProvider time, ILogger<ReplyOutbox> logger) : BackgroundService
{
    /// <summary>How long the inbound request waits for its replies' delivery.</summary>
    public static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromSeconds(5);

    public const int Capacity = 1000;
    public const int MaxAttempts = 5;
    public const int Parallelism = 16;

    private readonly Channel<IReadOnlyList<Activity>> _queue = Channel.CreateBounded<IReadOnlyList<Activity>>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(Parallelism, Parallelism);
    private int _pending;

    /// <summary>Queues one turn's replies, to be delivered in their order; false when the queue is full (the caller answers 503).</summary>
    public bool TryEnqueue(IEnumerable<Activity> replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var batch = replies.ToList();
        if (!_queue.Writer.TryWrite(batch))
        {
            return false;
        }

        Interlocked.Add(ref _pending, batch.Count);
        return true;
    }

    /// <summary>How many replies wait or are being retried (for tests and health).</summary>
    public int Pending => Volatile.Read(ref _pending);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
            _ = Task.Run(async () =>
            {
                try
                {
                    foreach (var reply in batch)
                    {
                        await DeliverAsync(reply, stoppingToken).ConfigureAwait(false);
                        Interlocked.Decrement(ref _pending);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // The service stops: what is left is lost with it, as with any in-memory queue.
                }
                finally
                {
                    _slots.Release();
                }
            }, stoppingToken);
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    private async Task DeliverAsync(Activity reply, CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                // A fresh typed client each time, so the factory can rotate its handlers.
                await services.GetRequiredService<IConnectorClient>().SendAsync(reply, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                Log.RetryLater(logger, reply.ChannelId, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), time, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Identity.Client.MsalException)
            {
                break;
            }
        }

        Log.GaveUp(logger, reply.ChannelId);
    }

    private static partial class Log
    {
        [LoggerMessage(3010, LogLevel.Information, "A reply on channel {ChannelId} was not delivered (attempt {Attempt}); trying again later")]
        public static partial void RetryLater(ILogger logger, string? channelId, int attempt);

        [LoggerMessage(3011, LogLevel.Warning, "A reply on channel {ChannelId} could not be delivered; given up")]
        public static partial void GaveUp(ILogger logger, string? channelId);
    }
}
