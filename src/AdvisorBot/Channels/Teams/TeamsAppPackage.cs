using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SkiaSharp;

namespace AdvisorBot.Channels.Teams;

/// <summary>The app texts of one language: <c>dialogs/teams/app.{language}.json</c>.</summary>
public sealed record TeamsAppTexts(string LanguageTag, TeamsAppName Name, TeamsAppDescription Description, IReadOnlyList<TeamsCommand> Commands);

public sealed record TeamsAppName(string Short, string Full);

public sealed record TeamsAppDescription(string Short, string Full);

public sealed record TeamsCommand(string Title, string Description);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TeamsAppTexts))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;

/// <summary>
/// Writes the Teams app package: <c>manifest.json</c> (schema 1.23; the bot in personal, team and group-chat scopes;
/// command suggestions), one localization file per further language, and the two icons the project draws itself —
/// all at the zip's root, as Teams requires. The default language is Dutch; texts come from <c>dialogs/teams/</c>.
/// </summary>
public static class TeamsAppPackage
{
    public const string ManifestVersion = "1.23";
    public const string DefaultLanguage = "nl";
    public const string AccentColor = "#154273";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>teams-package --app-id &lt;guid&gt; --host &lt;public host&gt; [--out file.zip] [--version 1.0.0]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var appId = Option("--app-id");
        var host = Option("--host");
        var output = Option("--out") ?? "advisorbot-teams.zip";
        var version = Option("--version") ?? "1.0.0";
        if (!Guid.TryParse(appId, out var id) || string.IsNullOrWhiteSpace(host))
        {
            await Console.Error.WriteLineAsync("usage: teams-package --app-id <bot app id (GUID)> --host <public host, e.g. advisorbot.example.nl> [--out advisorbot-teams.zip] [--version 1.0.0]");
            return 2;
        }

        host = host.Replace("https://", "", StringComparison.OrdinalIgnoreCase).TrimEnd('/');
        var texts = LoadTexts(Path.Combine(Path.Combine(AppContext.BaseDirectory, "dialogs"), "teams"));
        await using (var file = File.Create(output))
        {
            Write(file, id, host, version, texts);
        }

        Console.WriteLine($"Wrote {Path.GetFullPath(output)}: upload it in Teams (Apps → Manage your apps → Upload an app).");
        return 0;
    }

    public static IReadOnlyDictionary<string, TeamsAppTexts> LoadTexts(string folder) =>
        Directory.GetFiles(folder, "app.*.json").ToDictionary(
            f => Path.GetFileNameWithoutExtension(f)["app.".Length..],
            f => JsonSerializer.Deserialize(File.ReadAllBytes(f), TeamsJsonContext.Default.TeamsAppTexts)
                 ?? throw new FormatException($"{f} is empty"));

    public static void Write(Stream destination, Guid appId, string host, string version, IReadOnlyDictionary<string, TeamsAppTexts> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var main = texts[DefaultLanguage];
        var others = texts.Where(kv => kv.Key != DefaultLanguage).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(Manifest(appId, host, version, main, others), Indented));
        foreach (var (_, language) in others)
        {
            Add(zip, $"{language.LanguageTag}.json", JsonSerializer.SerializeToUtf8Bytes(Localization(language, main.Commands.Count), Indented));
        }

        Add(zip, "color.png", ColorIcon());
        Add(zip, "outline.png", OutlineIcon());
    }

    private static JsonObject Manifest(Guid appId, string host, string version, TeamsAppTexts main, List<KeyValuePair<string, TeamsAppTexts>> others)
    {
        var website = $"https://{host}/";
        return new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json",
            ["manifestVersion"] = ManifestVersion,
            ["version"] = version,
            ["id"] = appId.ToString(),
            ["developer"] = new JsonObject
            {
                ["name"] = "AdvisorBot",
                ["websiteUrl"] = website,
                ["privacyUrl"] = website,
                ["termsOfUseUrl"] = website,
            },
            ["name"] = new JsonObject { ["short"] = main.Name.Short, ["full"] = main.Name.Full },
            ["description"] = new JsonObject { ["short"] = main.Description.Short, ["full"] = main.Description.Full },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = AccentColor,
            ["bots"] = new JsonArray(Bot(appId, main)),
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray(host),
            ["localizationInfo"] = new JsonObject
            {
                ["defaultLanguageTag"] = main.LanguageTag,
                ["additionalLanguages"] = new JsonArray([.. others.Select(kv => (JsonNode)new JsonObject
                {
                    ["languageTag"] = kv.Value.LanguageTag,
                    ["file"] = $"{kv.Value.LanguageTag}.json",
                })]),
            },
        };
    }

    /// <summary>The bot in personal chat, teams and group chats, with its commands.</summary>
    private static JsonObject Bot(Guid appId, TeamsAppTexts main) => new()
    {
        ["botId"] = appId.ToString(),
        ["scopes"] = new JsonArray("personal", "team", "groupChat"),
        ["supportsFiles"] = true, // a vacancy text may come as a .txt file in personal chat
        ["isNotificationOnly"] = false,
        ["commandLists"] = new JsonArray(new JsonObject
        {
            ["scopes"] = new JsonArray("personal", "team", "groupChat"),
            ["commands"] = new JsonArray([.. main.Commands.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["description"] = c.Description })]),
        }),
    };

    private static JsonObject Localization(TeamsAppTexts language, int commandCount)
    {
        if (language.Commands.Count != commandCount)
        {
            throw new FormatException($"dialogs/teams/app.*.json: {language.LanguageTag} has {language.Commands.Count} commands, the default language {commandCount}.");
        }

        var file = new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.Localization.schema.json",
            ["name.short"] = language.Name.Short,
            ["name.full"] = language.Name.Full,
            ["description.short"] = language.Description.Short,
            ["description.full"] = language.Description.Full,
        };
        for (var i = 0; i < language.Commands.Count; i++)
        {
            file[$"bots[0].commandLists[0].commands[{i}].title"] = language.Commands[i].Title;
            file[$"bots[0].commandLists[0].commands[{i}].description"] = language.Commands[i].Description;
        }

        return file;
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }

    /// <summary>192×192: the government blue square with a white speech bubble holding three bars (figures in a chat).</summary>
    public static byte[] ColorIcon()
    {
        using var surface = SKSurface.Create(new SKImageInfo(192, 192, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColor.Parse(AccentColor));
        DrawSymbol(canvas, scale: 96f / 32f, offset: 48f, filled: true);
        return Encode(surface);
    }

    /// <summary>32×32: the same symbol as a white outline on a fully transparent background.</summary>
    public static byte[] OutlineIcon()
    {
        using var surface = SKSurface.Create(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        surface.Canvas.Clear(SKColors.Transparent);
        DrawSymbol(surface.Canvas, scale: 1f, offset: 0f, filled: false);
        return Encode(surface);
    }

    /// <summary>The symbol on a 32-unit grid: a rounded bubble with a tail, three rising bars inside.</summary>
    private static void DrawSymbol(SKCanvas canvas, float scale, float offset, bool filled)
    {
        canvas.Save();
        canvas.Translate(offset, offset);
        canvas.Scale(scale);
        using var bubble = new SKPath();
        bubble.AddRoundRect(new SKRect(2, 3, 30, 23), 4, 4);
        bubble.MoveTo(8, 22);
        bubble.LineTo(7, 29);
        bubble.LineTo(15, 22.5f);
        bubble.Close();
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true, Style = filled ? SKPaintStyle.Fill : SKPaintStyle.Stroke, StrokeWidth = 2 };
        canvas.DrawPath(bubble, white);
        using var bars = new SKPaint { Color = filled ? SKColor.Parse(AccentColor) : SKColors.White, IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawRect(new SKRect(9, 14, 12, 19), bars);
        canvas.DrawRect(new SKRect(14.5f, 11, 17.5f, 19), bars);
        canvas.DrawRect(new SKRect(20, 8, 23, 19), bars);
        canvas.Restore();
    }

    private static byte[] Encode(SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
