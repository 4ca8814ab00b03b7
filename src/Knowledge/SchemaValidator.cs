using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AdvisorBot.Knowledge;

/// <summary>
/// Validates a document against the JSON Schema subset that target-group-profile.schema.json uses (draft-07):
/// <c>$ref</c> to <c>#/definitions/…</c>, <c>type</c>, <c>required</c>, <c>properties</c>,
/// <c>additionalProperties: false</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c>, <c>enum</c>, <c>const</c>,
/// <c>minLength</c>, <c>pattern</c>, <c>minimum</c>/<c>maximum</c>/<c>exclusiveMinimum</c>. A keyword outside the
/// subset makes construction fail, so the schema cannot silently ask for more than is checked. Runs on
/// System.Text.Json nodes: a cold start costs milliseconds, where a general validator costs hundreds. The tests
/// check it agrees with NJsonSchema on the shipped profile and on every broken fixture.
/// </summary>
public sealed class SchemaValidator
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$ref", "title", "description", "definitions", "type", "required", "properties",
        "additionalProperties", "items", "minItems", "maxItems", "enum", "const", "minLength", "pattern",
        "minimum", "maximum", "exclusiveMinimum",
    };

    private readonly JsonElement _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public SchemaValidator(JsonDocument schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _root = schema.RootElement;
        CheckKeywords(_root, "#");
    }

    public IReadOnlyList<ProfileValidationError> Validate(string file, JsonNode? document)
    {
        var errors = new List<ProfileValidationError>();
        Check(document, _root, "$", file, errors);
        return [.. errors.OrderBy(e => e.Path, StringComparer.Ordinal)];
    }

    private void Check(JsonNode? value, JsonElement schema, string path, string file, List<ProfileValidationError> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(value, Resolve(reference.GetString()!), path, file, errors);
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonNode.DeepEquals(value, JsonNode.Parse(constant.GetRawText())))
        {
            errors.Add(new(file, path, "schema", $"value must be {constant.GetRawText()}"));
            return;
        }

        if (schema.TryGetProperty("enum", out var options)
            && !options.EnumerateArray().Any(o => JsonNode.DeepEquals(value, o.ValueKind == JsonValueKind.Null ? null : JsonNode.Parse(o.GetRawText()))))
        {
            errors.Add(new(file, path, "schema", "value is not one of the allowed values"));
            return;
        }

        if (schema.TryGetProperty("type", out var type) && !HasType(value, type.GetString()!))
        {
            errors.Add(new(file, path, "schema", $"expected {type.GetString()}"));
            return;
        }

        CheckContent(value, schema, path, file, errors);
    }

    /// <summary>Checks the keywords that apply to the kind of value: object, array, string or number.</summary>
    private void CheckContent(JsonNode? value, JsonElement schema, string path, string file, List<ProfileValidationError> errors)
    {
        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, file, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, file, errors);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                CheckString(scalar.GetValue<string>(), schema, path, file, errors);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                CheckNumber(scalar.GetValue<decimal>(), schema, path, file, errors);
                break;
        }
    }

    private void CheckObject(JsonObject obj, JsonElement schema, string path, string file, List<ProfileValidationError> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add(new(file, path, "schema", $"required property '{name}' is missing"));
                }
            }
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        foreach (var (name, child) in obj)
        {
            if (hasProperties && properties.TryGetProperty(name, out var childSchema))
            {
                Check(child, childSchema, $"{path}.{name}", file, errors);
            }
            else if (closed)
            {
                errors.Add(new(file, path, "schema", $"property '{name}' is not allowed here"));
            }
        }
    }

    private void CheckArray(JsonArray array, JsonElement schema, string path, string file, List<ProfileValidationError> errors)
    {
        if (schema.TryGetProperty("minItems", out var min) && array.Count < min.GetInt32())
        {
            errors.Add(new(file, path, "schema", string.Create(CultureInfo.InvariantCulture, $"at least {min.GetInt32()} items expected, found {array.Count}")));
        }

        if (schema.TryGetProperty("maxItems", out var max) && array.Count > max.GetInt32())
        {
            errors.Add(new(file, path, "schema", string.Create(CultureInfo.InvariantCulture, $"at most {max.GetInt32()} items expected, found {array.Count}")));
        }

        if (schema.TryGetProperty("items", out var items))
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], items, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), file, errors);
            }
        }
    }

    private void CheckString(string text, JsonElement schema, string path, string file, List<ProfileValidationError> errors)
    {
        if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
        {
            errors.Add(new(file, path, "schema", string.Create(CultureInfo.InvariantCulture, $"at least {minLength.GetInt32()} characters expected")));
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            var source = pattern.GetString()!;
            if (!_patterns.TryGetValue(source, out var regex))
            {
                regex = new Regex(source, RegexOptions.CultureInvariant);
                _patterns[source] = regex;
            }

            if (!regex.IsMatch(text))
            {
                errors.Add(new(file, path, "schema", $"'{text}' does not match {source}"));
            }
        }
    }

    private static void CheckNumber(decimal number, JsonElement schema, string path, string file, List<ProfileValidationError> errors)
    {
        if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDecimal())
        {
            errors.Add(new(file, path, "schema", string.Create(CultureInfo.InvariantCulture, $"{number} is below the minimum {minimum.GetDecimal()}")));
        }

        if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDecimal())
        {
            errors.Add(new(file, path, "schema", string.Create(CultureInfo.InvariantCulture, $"{number} is above the maximum {maximum.GetDecimal()}")));
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && number <= exclusive.GetDecimal())
        {
            errors.Add(new(file, path, "schema", string.Create(CultureInfo.InvariantCulture, $"{number} must be above {exclusive.GetDecimal()}")));
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.IsInteger(v.GetValue<decimal>()),
        "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "null" => value is null,
        _ => throw new NotSupportedException($"JSON Schema type '{type}' is not supported."),
    };

    private JsonElement Resolve(string reference)
    {
        const string prefix = "#/definitions/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal)
            || !_root.TryGetProperty("definitions", out var definitions)
            || !definitions.TryGetProperty(reference[prefix.Length..], out var target))
        {
            throw new NotSupportedException($"Unresolvable $ref '{reference}'.");
        }

        return target;
    }

    private static void CheckKeywords(JsonElement schema, string where)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (!Supported.Contains(property.Name))
            {
                throw new NotSupportedException($"Schema keyword '{property.Name}' at {where} is not supported by SchemaValidator.");
            }

            switch (property.Name)
            {
                case "properties" or "definitions":
                    foreach (var child in property.Value.EnumerateObject())
                    {
                        CheckKeywords(child.Value, $"{where}/{property.Name}/{child.Name}");
                    }
                    break;
                case "items" or "additionalProperties":
                    CheckKeywords(property.Value, $"{where}/{property.Name}");
                    break;
            }
        }
    }
}
