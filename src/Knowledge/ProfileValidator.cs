using System.Globalization;
using System.Text.Json.Nodes;

namespace AdvisorBot.Knowledge;

/// <summary>
/// The semantic rules a schema cannot express. Each rule has a stable name that appears in its error:
/// <list type="bullet">
/// <item><c>percent-range</c>: a percentage (a figure with unit percent, a list value, a distribution value) lies in 0–100.</item>
/// <item><c>rank-sequence</c>: a ranked list has ranks 1..n in order, without gaps or repeats, on every item.</item>
/// <item><c>distribution-sum</c>: a distribution (activity, age bands, seniority, gender) sums to 100 ± 1.</item>
/// <item><c>source-reference</c>: every source id names an entry of <c>sources</c>.</item>
/// <item><c>unique-key</c>: keys within one list, and source ids, are unique.</item>
/// <item><c>checklist-steps</c>: checklist steps run 1..n in order.</item>
/// <item><c>required-key</c>: the items the answers name by key are there (<see cref="RequiredKeys"/>).</item>
/// </list>
/// </summary>
public static class ProfileValidator
{
    public const decimal DistributionTolerance = 1m;

    public static IReadOnlyList<ProfileValidationError> Validate(string file, JsonNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var errors = new List<ProfileValidationError>();
        var sourceIds = new HashSet<string>(StringComparer.Ordinal);
        if (root["sources"] is JsonArray sources)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                var id = sources[i]?["id"]?.GetValue<string>();
                if (id is not null && !sourceIds.Add(id))
                {
                    errors.Add(new(file, $"$.sources[{i}].id", "unique-key", $"source id '{id}' appears more than once"));
                }
            }
        }

        Walk(root, "$", file, sourceIds, errors);
        CheckChecklist(root, file, errors);
        RequiredKeys.Check(root, file, errors);
        return errors;
    }

    private static void Walk(JsonNode? node, string path, string file, HashSet<string> sourceIds, List<ProfileValidationError> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                CheckObject(obj, path, file, sourceIds, errors);
                foreach (var (name, child) in obj)
                {
                    Walk(child, $"{path}.{name}", file, sourceIds, errors);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", file, sourceIds, errors);
                }
                break;
        }
    }

    private static void CheckObject(JsonObject obj, string path, string file, HashSet<string> sourceIds, List<ProfileValidationError> errors)
    {
        if (path != "$" && obj["source"] is JsonValue source && source.TryGetValue<string>(out var sourceId) && !sourceIds.Contains(sourceId))
        {
            errors.Add(new(file, $"{path}.source", "source-reference", $"unknown source '{sourceId}'"));
        }

        if (obj["unit"]?.GetValue<string>() == "percent" && TryNumber(obj["value"], out var percent))
        {
            CheckPercent(percent, $"{path}.value", file, errors);
        }

        if (obj["items"] is not JsonArray items || path.EndsWith(".checklist", StringComparison.Ordinal))
        {
            return;
        }

        var isDistribution = obj["sumsTo100"]?.GetValue<bool>() == true;
        var (sum, ranked) = CheckItems(items, path, file, errors);

        if (ranked > 0 && ranked < items.Count)
        {
            errors.Add(new(file, $"{path}.items", "rank-sequence", string.Create(CultureInfo.InvariantCulture, $"{ranked} of {items.Count} items have a rank; rank all or none")));
        }

        if (isDistribution && Math.Abs(sum - 100m) > DistributionTolerance)
        {
            errors.Add(new(file, $"{path}.items", "distribution-sum", string.Create(CultureInfo.InvariantCulture, $"values sum to {sum}, expected 100 ± {DistributionTolerance}")));
        }
    }

    /// <summary>Checks each item of a list; returns the sum of the item values and how many items have a rank.</summary>
    private static (decimal Sum, int Ranked) CheckItems(JsonArray items, string path, string file, List<ProfileValidationError> errors)
    {
        decimal sum = 0;
        var ranked = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                continue;
            }

            var itemPath = $"{path}.items[{i}]";
            if (TryNumber(item["value"], out var value))
            {
                CheckPercent(value, $"{itemPath}.value", file, errors);
                sum += value;
            }

            if (item["key"]?.GetValue<string>() is { } key && !keys.Add(key))
            {
                errors.Add(new(file, $"{itemPath}.key", "unique-key", $"key '{key}' appears more than once in this list"));
            }

            if (item["rank"] is not null)
            {
                ranked++;
                if (TryNumber(item["rank"], out var rank) && rank != i + 1)
                {
                    errors.Add(new(file, $"{itemPath}.rank", "rank-sequence", string.Create(CultureInfo.InvariantCulture, $"rank {rank} where {i + 1} was expected (ranks run 1..{items.Count} without gaps)")));
                }
            }
        }

        return (sum, ranked);
    }

    private static void CheckChecklist(JsonNode root, string file, List<ProfileValidationError> errors)
    {
        if (root["checklist"]?["items"] is not JsonArray steps)
        {
            return;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (TryNumber(steps[i]?["step"], out var step) && step != i + 1)
            {
                errors.Add(new(file, $"$.checklist.items[{i}].step", "checklist-steps", string.Create(CultureInfo.InvariantCulture, $"step {step} where {i + 1} was expected")));
            }
        }
    }

    private static void CheckPercent(decimal value, string path, string file, List<ProfileValidationError> errors)
    {
        if (value is < 0 or > 100)
        {
            errors.Add(new(file, path, "percent-range", string.Create(CultureInfo.InvariantCulture, $"{value} is outside 0-100")));
        }
    }

    private static bool TryNumber(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is JsonValue v && v.TryGetValue(out value);
    }
}
