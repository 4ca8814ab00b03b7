using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace AdvisorBot.Knowledge;

/// <summary>Reads a profile file: JSON syntax, then the JSON Schema, then <see cref="ProfileValidator"/>'s rules.</summary>
public sealed class ProfileLoader
{
    public const string SchemaFileName = "target-group-profile.schema.json";

    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    private readonly JsonSchema _schema;

    private ProfileLoader(JsonSchema schema) => _schema = schema;

    /// <summary>The loader for the schema that ships with this assembly.</summary>
    public static async Task<ProfileLoader> CreateAsync(CancellationToken cancellationToken = default)
    {
        var schemaPath = Path.Combine(AppContext.BaseDirectory, "profiles", SchemaFileName);
        var schema = await JsonSchema.FromFileAsync(schemaPath, cancellationToken).ConfigureAwait(false);
        return new ProfileLoader(schema);
    }

    public async Task<TargetGroupProfile> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Load(Path.GetFileName(path), text);
    }

    /// <summary>Parses and validates one profile document; throws <see cref="ProfileValidationException"/> naming file, path and rule.</summary>
    public TargetGroupProfile Load(string fileName, string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new ProfileValidationException([new(fileName, "$", "json-syntax", $"{ex.Message.Split([" Path:", " LineNumber:"], StringSplitOptions.None)[0].TrimEnd('.')} (line {ex.LineNumber + 1})")]);
        }

        if (root is not JsonObject)
        {
            throw new ProfileValidationException([new(fileName, "$", "json-syntax", "a profile must be a JSON object")]);
        }

        var schemaErrors = _schema.Validate(json)
            .Select(e => new ProfileValidationError(fileName, ToJsonPath(e), "schema", DescribeSchemaError(e)))
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();
        if (schemaErrors.Count > 0)
        {
            throw new ProfileValidationException(schemaErrors);
        }

        var semanticErrors = ProfileValidator.Validate(fileName, root);
        if (semanticErrors.Count > 0)
        {
            throw new ProfileValidationException(semanticErrors);
        }

        var profile = root.Deserialize<TargetGroupProfile>(SerializerOptions)
            ?? throw new ProfileValidationException([new(fileName, "$", "json-syntax", "empty document")]);
        return profile with { FileName = fileName };
    }

    private static string ToJsonPath(NJsonSchema.Validation.ValidationError error)
    {
        // NJsonSchema paths look like "#/demand.vacancies.value" or "#/sources[0].id".
        var path = (error.Path ?? "#").TrimStart('#').TrimStart('/');
        if (error.Kind is NJsonSchema.Validation.ValidationErrorKind.PropertyRequired or NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { } property && path.EndsWith(property, StringComparison.Ordinal))
        {
            // Point at the object that lacks or has too much, and name the property in the message.
            path = path[..^property.Length].TrimEnd('.');
        }

        return path.Length == 0 ? "$" : "$." + path;
    }

    private static string DescribeSchemaError(NJsonSchema.Validation.ValidationError error) => error.Kind switch
    {
        NJsonSchema.Validation.ValidationErrorKind.PropertyRequired => $"required property '{error.Property}' is missing",
        NJsonSchema.Validation.ValidationErrorKind.NoAdditionalPropertiesAllowed => $"property '{error.Property}' is not allowed here",
        NJsonSchema.Validation.ValidationErrorKind.NotInEnumeration => "value is not one of the allowed values",
        _ => $"{error.Kind}",
    };
}
