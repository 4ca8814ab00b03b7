namespace AdvisorBot.Protocol;

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

    /// <summary>
    /// Other bots (their app ids) whose Entra-issued tokens are accepted, as the SDKs' <c>AllowedCallers</c>; the bot's
    /// own app id always is (the Emulator signs in as the bot).
    /// </summary>
    public IReadOnlyList<string> AllowedCallers { get; set; } = [];

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase);

    /// <summary>The tenant of the outbound token authority: the bot's own for single-tenant, botframework.com otherwise.</summary>
    public string AuthorityTenant => IsSingleTenant ? MicrosoftAppTenantId! : "botframework.com";

    /// <summary>What is wrong with the settings (settings that would fail on the first message instead): nothing when empty.</summary>
    public IReadOnlyList<string> Problems()
    {
        if (!AuthenticationEnabled)
        {
            return [];
        }

        var problems = new List<string>();
        if (!Guid.TryParse(MicrosoftAppId, out _))
        {
            problems.Add("MicrosoftAppId must be the bot's app (client) id, a GUID.");
        }

        if (string.IsNullOrEmpty(MicrosoftAppPassword))
        {
            problems.Add("MicrosoftAppId is set but MicrosoftAppPassword is not: the bot could not get a token to reply.");
        }

        if (IsSingleTenant && !Guid.TryParse(MicrosoftAppTenantId, out _))
        {
            problems.Add("MicrosoftAppType is SingleTenant: set MicrosoftAppTenantId to the tenant GUID.");
        }

        if (!IsSingleTenant && !string.IsNullOrEmpty(MicrosoftAppType) && !string.Equals(MicrosoftAppType, "MultiTenant", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"MicrosoftAppType '{MicrosoftAppType}' is not supported: use SingleTenant or MultiTenant.");
        }

        return problems;
    }
}

/// <summary>Checks the Bot Framework settings at start (<c>ValidateOnStart</c>).</summary>
public sealed class BotFrameworkOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<BotFrameworkOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, BotFrameworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}
