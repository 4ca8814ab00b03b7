using System.Text.Json;
using System.Text.Json.Serialization;
using AdvisorBot.State;

namespace AdvisorBot.Dialogs;

/// <summary>
/// What the bot remembers of one conversation between turns. Stored as JSON in the state store; nothing of it
/// lives in process memory beyond the cache.
/// </summary>
public sealed record ConversationState
{
    /// <summary>The language of the last answer.</summary>
    public string? Language { get; init; }

    /// <summary>The profile the conversation is about, once one was chosen.</summary>
    public string? ProfileId { get; init; }

    /// <summary>What the user last said about the target group (kept so the closest-match note stays honest).</summary>
    public string? AskedFunction { get; init; }
    public string? AskedSeniority { get; init; }
    public string? AskedEducation { get; init; }
    public string? AskedRegion { get; init; }

    /// <summary>The last answered intent and the text that led to it, for "and in English?".</summary>
    public string? LastIntent { get; init; }
    public string? LastText { get; init; }

    public bool Welcomed { get; init; }

    public int Turns { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class ConversationJsonContext : JsonSerializerContext;

/// <summary>Where a conversation's state is kept.</summary>
public static class ConversationSlots
{
    public static StateSlot<ConversationState> For(string key, TimeSpan idleTimeout) =>
        new(key, ConversationJsonContext.Default.ConversationState, idleTimeout, Cache: true);
}
