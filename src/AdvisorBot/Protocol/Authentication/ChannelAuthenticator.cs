using System.Collections.Concurrent;
using System.Text.Json;
using AdvisorBot.Protocol;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AdvisorBot.Protocol.Authentication;

/// <summary>
/// Why an inbound request was refused (logged; the caller only sees 401), or that it cannot be checked now (the
/// identity provider's keys are unavailable: 503 with <see cref="RetryAfter"/>).
/// </summary>
public sealed record ChannelAuthResult(bool Succeeded, string? Failure = null, TimeSpan? RetryAfter = null)
{
    public static readonly ChannelAuthResult Success = new(true);

    public bool Unavailable => RetryAfter is not null;

    public static ChannelAuthResult Fail(string reason) => new(false, reason);

    public static ChannelAuthResult NoKeys(TimeSpan retryAfter) => new(false, "signing keys unavailable", retryAfter);
}

/// <summary>
/// Checks the JWT a channel sends with each activity, as the Bot Framework SDKs do: Bot Connector tokens (issuer
/// <c>https://api.botframework.com</c>, keys from the Bot Framework's OpenID metadata) and Entra-issued tokens
/// (Emulator, bot-to-bot). Audience = the app id, RS256/384/512 only, 5 minutes clock skew, the signing key's
/// endorsements must include the activity's channel, and a Connector token's <c>serviceurl</c> must be the activity's.
/// A serviceUrl that passed is remembered as trusted: only those get the bot's outbound token.
/// </summary>
public sealed class ChannelAuthenticator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    private static readonly string[] EntraBotTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    private readonly BotFrameworkOptions _options;
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    /// <summary>The token versions of Entra and the claim that names the calling app in each.</summary>
    private static readonly Dictionary<string, string> CallerClaims = new(StringComparer.Ordinal) { ["1.0"] = "appid", ["2.0"] = "azp" };

    private readonly OpenIdKeys _botFramework;
    private readonly OpenIdKeys _entra;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ServiceUrlTrust _trust;
    private readonly HashSet<string> _entraIssuers;

    public ChannelAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, ServiceUrlTrust trust, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClients);
        _options = options.Value;
        _trust = trust;
        _time = time;
        _botFramework = Keys(_options.BotOpenIdMetadata, httpClients, time);
        _entra = Keys(_options.EntraOpenIdMetadata, httpClients, time);
        var tenants = EntraBotTenants.Concat(_options.MicrosoftAppTenantId is { Length: > 0 } own ? [own] : []);
        _entraIssuers = new HashSet<string>(
            tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" }), StringComparer.Ordinal);
    }

    public bool Enabled => _options.AuthenticationEnabled;

    private static OpenIdKeys Keys(string metadata, IHttpClientFactory httpClients, TimeProvider time) =>
        new(metadata, new HttpDocumentRetriever(httpClients.CreateClient("openid")) { RequireHttps = metadata.StartsWith("https:", StringComparison.OrdinalIgnoreCase) }, time);

    public async Task<ChannelAuthResult> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var (token, unverified, failure) = ReadBearer(authorization);
        failure ??= Precheck(unverified);
        if (failure is not null)
        {
            return ChannelAuthResult.Fail(failure);
        }

        var isConnector = unverified!.Issuer == BotFrameworkIssuer;
        var keys = isConnector ? _botFramework : _entra;
        var (result, configuration) = await ValidateAsync(keys, token!, isConnector, refreshed: false, cancellationToken).ConfigureAwait(false);
        if (configuration is null)
        {
            return ChannelAuthResult.NoKeys(keys.RetryAfter);
        }

        if (!result!.IsValid)
        {
            return ChannelAuthResult.Fail(result.Exception?.GetType().Name ?? "invalid token");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var refused = !Endorsed(configuration, jwt.Kid, activity.ChannelId)
            ? $"signing key not endorsed for channel '{LogText.Safe(activity.ChannelId)}'"
            : isConnector ? CheckConnectorClaims(jwt, activity) : CheckEntraClaims(jwt);
        if (refused is not null)
        {
            return ChannelAuthResult.Fail(refused);
        }

        // Only a fully checked Bot Connector token vouches for its serviceUrl: the bot's own token may go there.
        if (isConnector && activity.ServiceUrl is { } trusted)
        {
            _trust.Trust(trusted);
        }

        return ChannelAuthResult.Success;
    }

    /// <summary>What can be refused before any key is fetched: the algorithm, the key id, the issuer, the audience, the lifetime.</summary>
    private string? Precheck(JsonWebToken? token)
    {
        if (token is null)
        {
            return "not a JWT";
        }

        if (!Algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return $"algorithm '{LogText.Safe(token.Alg)}' is not allowed";
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return "no key id";
        }

        if (token.Issuer != BotFrameworkIssuer && !_entraIssuers.Contains(token.Issuer))
        {
            return $"issuer '{LogText.Safe(token.Issuer)}' is not trusted";
        }

        if (!token.Audiences.Any(a => a == _options.MicrosoftAppId || a == $"api://{_options.MicrosoftAppId}"))
        {
            return "audience is not this bot";
        }

        var now = _time.GetUtcNow().UtcDateTime;
        return token.ValidTo < now - Skew || token.ValidFrom > now + Skew ? "outside its lifetime" : null;
    }

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>The token of an "Authorization: Bearer …" header, read but not yet verified; or why there is none.</summary>
    private static (string? Token, JsonWebToken? Unverified, string? Failure) ReadBearer(string? authorization)
    {
        const string bearer = "Bearer ";
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(bearer, StringComparison.Ordinal))
        {
            return (null, null, "no bearer token");
        }

        var token = authorization[bearer.Length..].Trim();
        try
        {
            return (token, new JsonWebToken(token), null);
        }
        catch (ArgumentException)
        {
            return (null, null, "not a JWT");
        }
    }

    /// <summary>A Bot Connector token names its serviceUrl, which must be the activity's (when it has one).</summary>
    private static string? CheckConnectorClaims(JsonWebToken jwt, Activity activity)
    {
        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return "Connector token without 'serviceurl'";
        }

        return activity.ServiceUrl is { } activityUrl && !string.Equals(serviceUrl, activityUrl, StringComparison.Ordinal)
            ? "serviceurl claim does not match the activity"
            : null;
    }

    /// <summary>An Entra token has a known version, and the app it names as caller is this bot or an allowed caller.</summary>
    private string? CheckEntraClaims(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<string>("ver", out var version) || !CallerClaims.TryGetValue(version, out var callerClaim))
        {
            return "Entra token without a known 'ver'";
        }

        if (!jwt.TryGetPayloadValue<string>(callerClaim, out var caller) || string.IsNullOrEmpty(caller))
        {
            return $"Entra token without '{callerClaim}'";
        }

        var allowed = string.Equals(caller, _options.MicrosoftAppId, StringComparison.OrdinalIgnoreCase)
            || _options.AllowedCallers.Contains(caller, StringComparer.OrdinalIgnoreCase);
        return allowed ? null : "Entra token for another app";
    }

    private async Task<(TokenValidationResult? Result, OpenIdConnectConfiguration? Configuration)> ValidateAsync(
        OpenIdKeys keys, string token, bool isConnector, bool refreshed, CancellationToken cancellationToken)
    {
        var configuration = await keys.GetAsync(unknownKey: refreshed, cancellationToken).ConfigureAwait(false);
        if (configuration is null)
        {
            return (null, null);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = isConnector ? [BotFrameworkIssuer] : _entraIssuers,
            ValidAudiences = [_options.MicrosoftAppId!, $"api://{_options.MicrosoftAppId}"],
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = Algorithms,
            ClockSkew = TimeSpan.FromMinutes(5),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid && !refreshed && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // A key we do not know: the channel may have rotated its keys. Fetch the metadata again (at most every 5 min).
            return await ValidateAsync(keys, token, isConnector, refreshed: true, cancellationToken).ConfigureAwait(false);
        }

        return (result, configuration);
    }

    /// <summary>A Bot Framework key may list the channels it signs for; if it does, the activity's must be one.</summary>
    private static bool Endorsed(OpenIdConnectConfiguration configuration, string? kid, string? channelId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || channelId is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements))
        {
            return true;
        }

        return endorsements switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == channelId),
            IEnumerable<object> list => list.Any(e => string.Equals(e?.ToString(), channelId, StringComparison.Ordinal)),
            _ => false,
        };
    }
}

/// <summary>
/// The serviceUrls that arrived on authenticated activities: the only hosts that get the bot's outbound token.
/// Not per-conversation data (a handful of Connector regions), so a process-wide set is enough.
/// </summary>
public sealed class ServiceUrlTrust
{
    private readonly ConcurrentDictionary<string, bool> _trusted = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _trusted.TryAdd(Normalize(serviceUrl), true);

    public bool IsTrusted(string serviceUrl) => _trusted.ContainsKey(Normalize(serviceUrl));

    private static string Normalize(string serviceUrl) => serviceUrl.TrimEnd('/');
}
