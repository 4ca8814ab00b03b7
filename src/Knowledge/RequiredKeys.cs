using System.Text.Json.Nodes;

namespace AdvisorBot.Knowledge;

/// <summary>
/// The rule <c>required-key</c>: the list and distribution items the answers name by key ("how many look actively",
/// "via a job site", the checklist's steps). A profile that lacks one fails at load with its path, never at answer time.
/// </summary>
public static class RequiredKeys
{
    /// <summary>Per JSON path of an item array, the keys it must hold.</summary>
    public static IReadOnlyDictionary<string, string[]> ByPath { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["$.supply.searchActivity.items"] = ["active", "latent", "not-looking"],
        ["$.background.gender.items"] = ["male", "female"],
        ["$.background.seniority.items"] = ["senior"],
        ["$.channels.searchChannels.items"] = ["job-sites", "network", "social-media", "findable-online"],
        ["$.attractiveness.pullFactors.items"] = ["good-salary"],
        ["$.checklist.items"] = ["information-collected", "vacancy-texts", "scarcity-feasibility", "marketing-mix", "referral-programme", "campaign"],
    };

    public static void Check(JsonNode root, string file, List<ProfileValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (path, keys) in ByPath)
        {
            var present = At(root, path) is JsonArray items
                ? items.Select(i => i?["key"] is JsonValue k && k.TryGetValue<string>(out var key) ? key : null).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var missing in keys.Where(k => !present.Contains(k)))
            {
                errors.Add(new(file, path, "required-key", $"no item with key '{missing}' (the answers name it)"));
            }
        }
    }

    private static JsonNode? At(JsonNode root, string path) =>
        path.Split('.').Skip(1).Aggregate((JsonNode?)root, (node, name) => node?[name]);
}
