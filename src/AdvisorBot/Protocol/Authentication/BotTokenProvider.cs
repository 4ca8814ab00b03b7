using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace AdvisorBot.Protocol.Authentication;

/// <summary>The bot's own token for calls to the Bot Connector; null in anonymous development mode.</summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Client credentials with MSAL: authority <c>{LoginEndpoint}/{tenant}</c> (the bot's tenant for single-tenant bots,
/// <c>botframework.com</c> for multi-tenant), scope <c>https://api.botframework.com/.default</c>. MSAL's in-memory
/// app-token cache keeps the token until shortly before it expires.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private readonly BotFrameworkOptions _options;
    private readonly IConfidentialClientApplication? _app;

    public MsalBotTokenProvider(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (!_options.AuthenticationEnabled)
        {
            return;
        }

        _app = ConfidentialClientApplicationBuilder.Create(_options.MicrosoftAppId)
            .WithClientSecret(_options.MicrosoftAppPassword)
            .WithAuthority($"{_options.LoginEndpoint.TrimEnd('/')}/{_options.AuthorityTenant}", validateAuthority: false)
            .WithHttpClientFactory(new MsalHttpClients(httpClients))
            .Build();
    }

    /// <summary>The named HttpClient MSAL uses (tests put a loopback token endpoint behind it).</summary>
    public const string HttpClientName = "msal";

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return null;
        }

        var result = await _app.AcquireTokenForClient([_options.OAuthScope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return result.AccessToken;
    }

    private sealed class MsalHttpClients(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
