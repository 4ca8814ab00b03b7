using System.Text.Json;
using System.Text.Json.Serialization;
using AdvisorBot.Protocol;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>The answer of <c>conversations</c> (start, reconnect) and of the token endpoints.</summary>
public sealed record ConversationResponse(
    string ConversationId,
    string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    string? StreamUrl = null,
    string? UserId = null);

/// <summary>What a client may send to <c>tokens/generate</c> or <c>conversations</c>.</summary>
public sealed record ConversationRequest(ChannelAccount? User, string? Locale);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ActivitySet))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(ConversationRequest))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class DirectLineJsonContext : JsonSerializerContext;
