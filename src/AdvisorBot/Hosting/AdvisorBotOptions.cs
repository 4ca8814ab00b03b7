namespace AdvisorBot.Hosting;

/// <summary>Where the service finds its data. Relative paths are under the application folder.</summary>
public sealed class AdvisorBotOptions
{
    public const string Section = "AdvisorBot";

    /// <summary>The folder with the .lu files, responses/ and lexicon.json.</summary>
    public string DialogsPath { get; set; } = "dialogs";

    /// <summary>The folder of target-group profiles (*.json).</summary>
    public string ProfilesPath { get; set; } = "profiles";

    /// <summary>The folder of Adaptive Card templates.</summary>
    public string CardsPath { get; set; } = "cards";

    /// <summary>The service's address as clients reach it; chart image URLs in cards are built from it.</summary>
    public string PublicBaseUrl { get; set; } = DefaultUrl;

    /// <summary>The URL the service listens on when neither --urls nor ASPNETCORE_URLS says otherwise (the Bot Framework convention).</summary>
    public const string DefaultUrl = "http://localhost:3978";

    public static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

/// <summary>The Bot Framework's own setting names, read from the configuration root.</summary>
public sealed class BotFrameworkOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }
    public string? MicrosoftAppType { get; set; }
}
