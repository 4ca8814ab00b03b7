using AdvisorBot.State;
using StackExchange.Redis;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>
/// Tells the WebSocket streams on every instance that a conversation's log grew: local streams at once, the other
/// instances through one Redis pub/sub channel (<c>{prefix}directline/appended</c>, the message is the instance id and
/// the conversation id), so a socket held by instance A sees a reply to a message posted through B without waiting
/// for a poll. A lost message costs only latency: every stream also re-reads the log on its keep-alive tick.
/// </summary>
public sealed class RedisActivityNotifier : IActivityNotifier, IDisposable
{
    private readonly InProcessActivityNotifier _local = new();
    private readonly ISubscriber _subscriber;
    private readonly RedisChannel _channel;
    private readonly string _instance = UnguessableId.New();

    public RedisActivityNotifier(IConnectionMultiplexer redis, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _subscriber = redis.GetSubscriber();
        _channel = RedisChannel.Literal(keyPrefix + "directline/appended");
        _subscriber.Subscribe(_channel, (_, message) => OnMessage(message));
    }

    public IDisposable Subscribe(string conversationId, Action onAppended) => _local.Subscribe(conversationId, onAppended);

    public void Publish(string conversationId)
    {
        _local.Publish(conversationId);
        try
        {
            _subscriber.Publish(_channel, _instance + "\n" + conversationId, CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is away: the other instances' streams catch up on their next tick.
        }
    }

    private void OnMessage(RedisValue message)
    {
        var text = (string?)message;
        var split = text?.IndexOf('\n', StringComparison.Ordinal) ?? -1;
        if (split > 0 && !text.AsSpan(0, split).SequenceEqual(_instance))
        {
            _local.Publish(text![(split + 1)..]);
        }
    }

    public void Dispose() => _subscriber.Unsubscribe(_channel);
}
