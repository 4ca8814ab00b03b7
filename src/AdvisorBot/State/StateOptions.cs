using System.ComponentModel.DataAnnotations;

namespace AdvisorBot.State;

/// <summary>Where and how long per-conversation and per-user data is kept (section <c>State</c>).</summary>
public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary>The SQLite file of the embedded store; relative paths are under the application folder.</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/advisorbot.db";

    /// <summary>A conversation untouched this long is forgotten.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a read state stays in the in-process cache.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(10);
}
