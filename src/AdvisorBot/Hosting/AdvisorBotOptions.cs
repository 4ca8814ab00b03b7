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

    /// <summary><c>MultiTenant</c> (default) or <c>SingleTenant</c> (then <see cref="MicrosoftAppTenantId"/> is required).</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>OpenID metadata of the Bot Connector's channel tokens.</summary>
    public string BotOpenIdMetadata { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>OpenID metadata of Entra-issued tokens (Emulator, bot-to-bot, and Azure Bot Service once it sends Entra tokens).</summary>
    public string EntraOpenIdMetadata { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where outbound tokens come from: <c>{LoginEndpoint}/{tenant}</c> is the MSAL authority.</summary>
    public string LoginEndpoint { get; set; } = "https://login.microsoftonline.com";

    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase);

    /// <summary>The tenant of the outbound token authority: the bot's own for single-tenant, botframework.com otherwise.</summary>
    public string AuthorityTenant => IsSingleTenant ? MicrosoftAppTenantId! : "botframework.com";

    /// <summary>Refuses settings that would fail on the first message instead.</summary>
    public void Validate()
    {
        if (!AuthenticationEnabled)
        {
            return;
        }

        if (!Guid.TryParse(MicrosoftAppId, out _))
        {
            throw new FormatException("MicrosoftAppId must be the bot's app (client) id, a GUID.");
        }

        if (string.IsNullOrEmpty(MicrosoftAppPassword))
        {
            throw new FormatException("MicrosoftAppId is set but MicrosoftAppPassword is not: the bot could not get a token to reply.");
        }

        if (IsSingleTenant && !Guid.TryParse(MicrosoftAppTenantId, out _))
        {
            throw new FormatException("MicrosoftAppType is SingleTenant: set MicrosoftAppTenantId to the tenant GUID.");
        }

        if (!IsSingleTenant && !string.IsNullOrEmpty(MicrosoftAppType) && !string.Equals(MicrosoftAppType, "MultiTenant", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"MicrosoftAppType '{MicrosoftAppType}' is not supported: use SingleTenant or MultiTenant.");
        }
    }
}
