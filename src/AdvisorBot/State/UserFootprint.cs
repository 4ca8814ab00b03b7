using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdvisorBot.State;

/// <summary>
/// Where a user's data lies: every key a turn of theirs wrote (conversation states, checklist progress, plans) and
/// the key prefixes of their Direct Line logs, so "vergeet mij" can erase all of it in any conversation, on any store.
/// </summary>
public sealed record UserFootprint
{
    public HashSet<string> Keys { get; init; } = new(StringComparer.Ordinal);

    public HashSet<string> Prefixes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>This footprint with <paramref name="keys"/> and <paramref name="prefix"/>, or null when it holds them already.</summary>
    public UserFootprint? With(IEnumerable<string> keys, string? prefix)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var newKeys = keys.Where(k => !Keys.Contains(k)).ToList();
        var newPrefix = prefix is not null && !Prefixes.Contains(prefix);
        if (newKeys.Count == 0 && !newPrefix)
        {
            return null;
        }

        var next = new UserFootprint { Keys = new(Keys, StringComparer.Ordinal), Prefixes = new(Prefixes, StringComparer.Ordinal) };
        next.Keys.UnionWith(newKeys);
        if (prefix is not null)
        {
            next.Prefixes.Add(prefix);
        }

        return next;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UserFootprint))]
internal sealed partial class FootprintJsonContext : JsonSerializerContext;

public static class FootprintSlots
{
    /// <summary>As long as the longest-lived data it points to (checklist progress: 180 days).</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(180);

    public static StateSlot<UserFootprint> For(string userKey) =>
        new($"footprint/{userKey}", FootprintJsonContext.Default.UserFootprint, TimeToLive, Cache: true);
}
