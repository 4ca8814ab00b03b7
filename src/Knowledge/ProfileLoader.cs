using System.Text.Json;
using System.Text.Json.Nodes;
namespace AdvisorBot.Knowledge;

/// <summary>Reads a profile file: JSON syntax, then the JSON Schema (<see cref="SchemaValidator"/>), then <see cref="ProfileValidator"/>'s rules.</summary>
public sealed class ProfileLoader
{
    public const string SchemaFileName = "target-group-profile.schema.json";

    private readonly SchemaValidator _schema;

    private ProfileLoader(SchemaValidator schema) => _schema = schema;

    /// <summary>The loader for the schema that ships with this assembly.</summary>
    public static async Task<ProfileLoader> CreateAsync(CancellationToken cancellationToken = default)
    {
        var schemaPath = Path.Combine(AppContext.BaseDirectory, "profiles", SchemaFileName);
        await using var stream = File.OpenRead(schemaPath);
        var schema = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ProfileLoader(new SchemaValidator(schema));
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

        var schemaErrors = _schema.Validate(fileName, root);
        if (schemaErrors.Count > 0)
        {
            throw new ProfileValidationException(schemaErrors);
        }

        var semanticErrors = ProfileValidator.Validate(fileName, root);
        if (semanticErrors.Count > 0)
        {
            throw new ProfileValidationException(semanticErrors);
        }

        var profile = JsonSerializer.Deserialize(json, ProfileJsonContext.Default.TargetGroupProfile)
            ?? throw new ProfileValidationException([new(fileName, "$", "json-syntax", "empty document")]);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json));
        return profile with { FileName = fileName, Version = Convert.ToHexStringLower(hash)[..12] };
    }
}
