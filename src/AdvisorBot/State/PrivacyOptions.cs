using System.ComponentModel.DataAnnotations;

namespace AdvisorBot.State;

/// <summary>How long what users type is kept, and whether their words are kept at all (section <c>Privacy</c>).</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Keep the last question's words with the conversation (for "and in English?" and follow-ups that reuse its
    /// numbers). Off: only its topic is kept. The Direct Line history keeps the messages either way, for at most
    /// <see cref="TextRetention"/>: the chat page shows it after a reload.
    /// </summary>
    public bool RetainText { get; set; } = true;

    /// <summary>
    /// The longest any item holding a user's words lives, however it was last used: conversation state, Direct Line
    /// history, checklist notes and progress, recruitment plans. Shorter limits (a conversation idle for
    /// <c>State:ConversationIdleTimeout</c>) still apply.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan TextRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often expired items are deleted from the store's files (Redis expires them itself).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
