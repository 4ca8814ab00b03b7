using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using AdvisorBot.Tests.Cards;
using NJsonSchema;
using SkiaSharp;

namespace AdvisorBot.Tests.Channels.Teams;

/// <summary>
/// The app package as the command writes it, validated offline against the schema bundled in @microsoft/app-manifest
/// (manifest) and its Localization schema (NJsonSchema), with the zip layout and the icons Teams requires.
/// </summary>
public sealed class TeamsAppPackageTests
{
    private const string AppId = "5b8a3b4e-8b6f-4a52-9d7e-2d1f0c9a7e11";

    private static async Task<string> WritePackageAsync()
    {
        var folder = Directory.CreateTempSubdirectory("advisorbot-teams-").FullName;
        var zip = Path.Combine(folder, "app.zip");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AdvisorBot.dll"), "teams-package", "--app-id", AppId, "--host", "https://advisorbot.example.nl/", "--out", zip])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        var extracted = Path.Combine(folder, "extracted");
        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Equal(["color.png", "en-us.json", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        }

        ZipFile.ExtractToDirectory(zip, extracted);
        return extracted;
    }

    [Fact]
    public async Task Package_PassesTheBundledTeamsSchema_AndCarriesTheBotInAllThreeScopes()
    {
        var folder = await WritePackageAsync();
        var script = Path.Combine(CardProofTests.RepoRoot, "tests", "cards-js", "validate-teams-manifest.js");
        var start = new ProcessStartInfo("node", [script, Path.Combine(folder, "manifest.json")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, await stderr);
        var result = JsonNode.Parse(await stdout)!;
        Assert.Empty(result["manifest"]!.AsArray());

        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json")))!;
        var bot = manifest["bots"]![0]!;
        Assert.Equal(AppId, bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["advisorbot.example.nl"], manifest["validDomains"]!.AsArray().Select(s => s!.GetValue<string>()));
        var dutch = bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Hoe schaars zijn ze?", dutch);
        Assert.Equal("nl-nl", manifest["localizationInfo"]!["defaultLanguageTag"]!.GetValue<string>());

        // The English strings: valid against the bundled Localization schema, one for each Dutch command.
        var localization = await File.ReadAllTextAsync(Path.Combine(folder, "en-us.json"));
        var schema = await JsonSchema.FromFileAsync(result["localizationSchema"]!.GetValue<string>());
        var errors = schema.Validate(localization);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        var english = JsonNode.Parse(localization)!.AsObject();
        Assert.Equal("What salary should we offer?", english["bots[0].commandLists[0].commands[2].title"]!.GetValue<string>());
        Assert.Equal(dutch.Count, english.Count(kv => kv.Key.EndsWith(".title", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TeamsAppPackage_Icons_Are192ColourAnd32WhiteOnTransparent()
    {
        var folder = await WritePackageAsync();
        using var color = SKBitmap.Decode(Path.Combine(folder, "color.png"));
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal(new SKColor(0x15, 0x42, 0x73), color.GetPixel(4, 4)); // solid background, no transparency

        using var outline = SKBitmap.Decode(Path.Combine(folder, "outline.png"));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var drawn = 0;
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                var pixel = outline.GetPixel(x, y);
                if (pixel.Alpha == 0)
                {
                    continue;
                }

                drawn++;
                Assert.True(pixel.Red == 255 && pixel.Green == 255 && pixel.Blue == 255, $"outline pixel ({x},{y}) is {pixel}, not white");
            }
        }

        Assert.True(drawn > 60, "the outline icon is (nearly) empty");
        Assert.Equal(0, outline.GetPixel(0, 31).Alpha); // transparent background
    }
}
