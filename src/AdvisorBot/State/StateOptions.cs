using System.ComponentModel.DataAnnotations;

namespace AdvisorBot.State;

/// <summary>Where and how long per-conversation and per-user data is kept (section <c>State</c>).</summary>
public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary><see cref="StateProvider.Sqlite"/> (one instance, the embedded default) or <see cref="StateProvider.Redis"/> (several instances share <c>ConnectionStrings:Redis</c>).</summary>
    public StateProvider Provider { get; set; } = StateProvider.Sqlite;

    /// <summary>Every Redis key starts with this, so several deployments can share one Redis.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_\-./]{1,64}$")]
    public string KeyPrefix { get; set; } = "advisorbot:";

    /// <summary>With Redis: how long a turn lock outlives an instance that died holding it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LockLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The SQLite file of the embedded store; relative paths are under the application folder.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/advisorbot.db";

    /// <summary>A conversation untouched this long is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a read state stays in the in-process cache (zero: no cache). Unset, 10 minutes on SQLite and none on
    /// Redis: there another instance may have moved the conversation on, and a Redis read is cheap.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan? CacheDuration { get; set; }

    public TimeSpan EffectiveCacheDuration => CacheDuration ?? (Provider == StateProvider.Redis ? TimeSpan.Zero : TimeSpan.FromMinutes(10));
}

public enum StateProvider
{
    Sqlite,
    Redis,
}
