using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdvisorBot.Tests.Protocol.Authentication;

/// <summary>
/// Plays the Bot Framework's and Entra's identity endpoints on loopback (the real ones are Azure's), in their wire
/// format: OpenID metadata, a JWKS whose keys carry Bot Framework <c>endorsements</c>, and the v2.0 client-credentials
/// token endpoint. It also signs channel tokens the way the Bot Connector does.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string AppId = "5b8a3b4e-8b6f-4a52-9d7e-2d1f0c9a7e11";
    public const string AppPassword = "test-app-password";
    public const string TenantId = "0f3c2a1b-9d8e-4c7b-a6f5-e4d3c2b1a098";

    private readonly WebApplication _app;

    public RsaSecurityKey TeamsKey { get; } = NewKey("teams-key");
    public RsaSecurityKey WebChatOnlyKey { get; } = NewKey("webchat-only-key");
    public RsaSecurityKey UnpublishedKey { get; } = NewKey("unpublished-key");

    public List<(string Path, Dictionary<string, string> Form)> TokenRequests { get; } = [];

    public string BaseUrl { get; }

    /// <summary>Whether the OpenID metadata and keys answer.</summary>
    public IdpOutage Outage { get; set; }

    private int _metadataRequests;

    /// <summary>Requests for metadata or keys so far (an outage must not make every request fetch again).</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    private TestIdentityProvider(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BotMetadataUrl => $"{BaseUrl}/v1/.well-known/openidconfiguration";

    public string EntraMetadataUrl => $"{BaseUrl}/common/v2.0/.well-known/openid-configuration";

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestIdentityProvider? idp = null;
        app.Use(async (http, next) =>
        {
            // Outages of the metadata and keys (the token endpoint stays up): failing fast, or hanging.
            if (http.Request.Path.Value!.Contains(".well-known", StringComparison.Ordinal) || http.Request.Path.Value.Contains("keys", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref idp!._metadataRequests);
                switch (idp.Outage)
                {
                    case IdpOutage.Failing:
                        http.Response.StatusCode = 500;
                        return;
                    case IdpOutage.Hanging:
                        await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted);
                        return;
                }
            }

            await next(http);
        });
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Json(new
        {
            issuer = "https://api.botframework.com",
            authorization_endpoint = "https://invalid.botframework.com",
            jwks_uri = idp!.BaseUrl + "/v1/.well-known/keys",
            id_token_signing_alg_values_supported = new[] { "RS256" },
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
        }));
        app.MapGet("/v1/.well-known/keys", () => Results.Content(new JsonObject
        {
            ["keys"] = new JsonArray(Jwk(idp!.TeamsKey, ["msteams", "test", "emulator"]), Jwk(idp.WebChatOnlyKey, ["webchat"])),
        }.ToJsonString(), "application/json"));
        app.MapGet("/common/v2.0/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer = "https://login.microsoftonline.com/{tenantid}/v2.0",
            jwks_uri = idp!.BaseUrl + "/common/discovery/v2.0/keys",
            token_endpoint = "https://login.microsoftonline.com/common/oauth2/v2.0/token",
        }));
        app.MapGet("/common/discovery/v2.0/keys", () => Results.Content(new JsonObject { ["keys"] = new JsonArray(Jwk(idp!.TeamsKey, null)) }.ToJsonString(), "application/json"));
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext http, string tenant) =>
        {
            var form = (await http.Request.ReadFormAsync()).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
            lock (idp!.TokenRequests)
            {
                idp.TokenRequests.Add((http.Request.Path, form));
            }

            return form.GetValueOrDefault("client_secret") == AppPassword
                ? Results.Json(new { token_type = "Bearer", expires_in = 3599, ext_expires_in = 3599, access_token = "bot-access-token-" + idp.TokenRequests.Count })
                : Results.Json(new { error = "invalid_client", error_description = "AADSTS7000215: Invalid client secret provided." }, statusCode: 401);
        });
        await app.StartAsync();
        idp = new TestIdentityProvider(app, app.Urls.First());
        return idp;
    }

    private static JsonObject Jwk(RsaSecurityKey key, string[]? endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]);
        }

        return jwk;
    }

    /// <summary>A Bot Connector token as Azure Bot Service sends it, with knobs to break it.</summary>
    public string ChannelToken(string serviceUrl, SecurityKey? key = null, string issuer = "https://api.botframework.com", string audience = AppId,
        DateTime? notBefore = null, DateTime? expires = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key ?? TeamsKey, algorithm),
        });
    }

    /// <summary>Any token, signed by <paramref name="key"/> (the Teams key by default), with exactly the claims given.</summary>
    public string Token(IDictionary<string, object> claims, SecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha256,
        string? issuer = "https://api.botframework.com", string? audience = AppId, DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? TeamsKey, algorithm),
        });
    }

    /// <summary>An Entra-issued token (Emulator, bot-to-bot): v2.0 names the caller in azp, v1.0 in appid.</summary>
    public string EntraToken(string caller = AppId, string version = "2.0", string tenant = "d6d49420-f39b-4df7-a1dc-d59a935871db", string audience = AppId)
    {
        var claims = new Dictionary<string, object> { ["ver"] = version, [version == "1.0" ? "appid" : "azp"] = caller };
        var issuer = version == "1.0" ? $"https://sts.windows.net/{tenant}/" : $"https://login.microsoftonline.com/{tenant}/v2.0";
        return Token(claims, issuer: issuer, audience: audience);
    }

    /// <summary>An <see cref="HttpMessageHandler"/> for MSAL that sends what it addresses to login.microsoftonline.com here.</summary>
    public HttpMessageHandler LoginHandler() => new Redirect(new Uri(BaseUrl));

    private sealed class Redirect(Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public enum IdpOutage
{
    None,
    Failing,
    Hanging,
}
