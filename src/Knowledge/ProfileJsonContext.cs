using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdvisorBot.Knowledge;

/// <summary>Source-generated reading of profiles: no reflection metadata to build at start-up.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = false, ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(TargetGroupProfile))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ProfileJsonContext : JsonSerializerContext;

/// <summary>A profile as the JSON of its file, for parts that read it by path (the report-item names, say).</summary>
public static class ProfileJson
{
    public static JsonElement ToElement(TargetGroupProfile profile) => JsonSerializer.SerializeToElement(profile, ProfileJsonContext.Default.TargetGroupProfile);
}
