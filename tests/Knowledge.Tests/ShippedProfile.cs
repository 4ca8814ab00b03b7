using Microsoft.Extensions.Logging.Abstractions;

namespace AdvisorBot.Knowledge.Tests;

/// <summary>Paths and loaders shared by the tests: the profiles folder shipped with the build, and the fixtures.</summary>
internal static class ShippedProfile
{
    public const string FileName = "it-ontwikkelaar-senior-nl-2020.json";

    public static string ProfilesFolder => Path.Combine(AppContext.BaseDirectory, "profiles");

    public static string FixturesFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "profiles");

    public static string Json => File.ReadAllText(Path.Combine(ProfilesFolder, FileName));

    private static readonly Lazy<Task<ProfileLoader>> SharedLoader = new(() => ProfileLoader.CreateAsync());

    public static Task<ProfileLoader> LoaderAsync() => SharedLoader.Value;

    public static async Task<TargetGroupProfile> LoadAsync() => (await LoaderAsync()).Load(FileName, Json);

    /// <summary>A folder in the temp directory holding copies of the given profile files.</summary>
    public static string TempFolderWith(params string[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "advisorbot-profiles-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    public static NullLogger Logger => NullLogger.Instance;
}
