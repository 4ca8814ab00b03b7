using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AdvisorBot.Protocol;

/// <summary>Source-generated (de)serialization of the wire types: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ExpectedReplies))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

/// <summary>Reading what a client sent: the wire types, nested at most <see cref="MaxDepth"/> levels deep.</summary>
public static class ProtocolJson
{
    /// <summary>
    /// Deeper input is refused at the door: what is taken in must be writable again inside a reply, a Direct Line
    /// activity set and the state store, whose writers allow 64 levels.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>The options and type infos for reading client input.</summary>
    public static ProtocolJsonContext Input { get; } = new(new JsonSerializerOptions(ProtocolJsonContext.Default.Options) { MaxDepth = MaxDepth });
}
