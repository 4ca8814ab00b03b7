using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AdvisorBot.Tests.Protocol.Authentication;

/// <summary>
/// The door of /api/messages with an app id set, tried as an attacker would: the right tokens pass; every forged,
/// stale or misdirected one is a 401 with nothing processed; an identity provider that is down gives 503 with
/// Retry-After (never 500, never a long hang), and keys fetched before keep serving.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ForgedTokenTests(AdvisorBotApp app) : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string OtherApp = "0b1d5a3e-0000-4000-8000-00000000beef";
    private TestIdentityProvider _idp = null!;
    private WebApplicationFactory<Program> _bot = null!;

    public async Task InitializeAsync()
    {
        _idp = await TestIdentityProvider.StartAsync();
        _bot = ChannelAuthenticationTests.Configure(app, _idp, singleTenant: false);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _idp.DisposeAsync();
    }

    private static JsonObject Message(string? serviceUrl = ServiceUrl)
    {
        var activity = AdvisorBotApp.Message("hoe schaars zijn ze?", "forged-" + Guid.NewGuid().ToString("N"));
        activity["channelId"] = "msteams";
        if (serviceUrl is null)
        {
            activity.Remove("serviceUrl");
        }
        else
        {
            activity["serviceUrl"] = serviceUrl;
        }

        return activity;
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }

    public static TheoryData<string> Accepted => ["connector", "connector-rs512", "entra-v2-own-app", "entra-v1-own-app"];

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task PostActivity_GenuineToken_IsAccepted(string kind)
    {
        var token = kind switch
        {
            "connector" => _idp.ChannelToken(ServiceUrl),
            "connector-rs512" => _idp.ChannelToken(ServiceUrl, algorithm: SecurityAlgorithms.RsaSha512),
            "entra-v2-own-app" => _idp.EntraToken(),
            _ => _idp.EntraToken(version: "1.0"),
        };
        using var response = await PostAsync(Message(), "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Forged =>
    [
        "no-header", "empty-bearer", "basic-scheme", "lowercase-bearer-garbage", "garbage", "two-parts", "five-parts", "huge",
        "alg-none", "alg-None", "alg-empty", "alg-hs256-public-key", "alg-hs512-secret-guess", "alg-es256-header", "no-kid", "kid-traversal",
        "unknown-kid", "known-kid-wrong-key", "bad-signature", "signature-stripped", "tampered-payload",
        "expired", "expired-long-ago", "not-yet-valid", "no-exp",
        "wrong-audience", "audience-other-api", "no-audience", "wrong-issuer", "issuer-trailing-slash", "issuer-uppercase", "issuer-crlf",
        "key-not-endorsed", "serviceurl-mismatch", "serviceurl-missing", "serviceurl-missing-activity-without", "serviceurl-other-case",
        "entra-azp-other-app", "entra-v1-appid-other-app", "entra-unknown-ver", "entra-no-ver", "entra-no-azp", "entra-wrong-tenant",
        "entra-wrong-audience",
    ];

    [Theory]
    [MemberData(nameof(Forged))]
    public async Task PostActivity_ForgedToken_Is401WithNothingProcessed(string kind)
    {
        var activity = kind == "serviceurl-missing-activity-without" ? Message(serviceUrl: null) : Message();
        using var response = await PostAsync(activity, Authorization(kind));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var store = _bot.Services.GetRequiredService<IStateStore>();
        Assert.Null(await store.ReadAsync($"conversation/msteams/{activity["conversation"]!["id"]!.GetValue<string>()}"));
    }

    private string? Authorization(string kind)
    {
        var now = DateTime.UtcNow;
        var good = _idp.ChannelToken(ServiceUrl);
        var claims = new Dictionary<string, object> { ["serviceurl"] = ServiceUrl };
        return kind switch
        {
            "no-header" => null,
            "empty-bearer" => "Bearer ",
            "basic-scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bot:password")),
            "lowercase-bearer-garbage" => "bearer x.y.z",
            "garbage" => "Bearer not.a.jwt",
            "two-parts" => "Bearer " + string.Join('.', good.Split('.').Take(2)),
            "five-parts" => "Bearer " + good + ".a.b",
            "huge" => "Bearer " + new string('a', 12_000),
            "alg-none" => "Bearer " + WithHeader(good, """{"alg":"none","typ":"JWT","kid":"teams-key"}""", signature: ""),
            "alg-None" => "Bearer " + WithHeader(good, """{"alg":"None","typ":"JWT","kid":"teams-key"}""", signature: ""),
            "alg-empty" => "Bearer " + WithHeader(good, """{"alg":"","kid":"teams-key"}"""),
            "alg-hs256-public-key" => "Bearer " + _idp.ChannelToken(ServiceUrl, algorithm: SecurityAlgorithms.HmacSha256,
                key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_idp.TeamsKey.Rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = _idp.TeamsKey.KeyId }),
            "alg-hs512-secret-guess" => "Bearer " + _idp.ChannelToken(ServiceUrl, algorithm: SecurityAlgorithms.HmacSha512,
                key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestIdentityProvider.AppPassword.PadRight(64, 'x'))) { KeyId = _idp.TeamsKey.KeyId }),
            "alg-es256-header" => "Bearer " + WithHeader(good, """{"alg":"ES256","typ":"JWT","kid":"teams-key"}"""),
            "no-kid" => "Bearer " + WithHeader(good, """{"alg":"RS256","typ":"JWT"}"""),
            "kid-traversal" => "Bearer " + WithHeader(good, """{"alg":"RS256","typ":"JWT","kid":"../../keys"}"""),
            "unknown-kid" => "Bearer " + _idp.ChannelToken(ServiceUrl, key: _idp.UnpublishedKey),
            "known-kid-wrong-key" => "Bearer " + _idp.ChannelToken(ServiceUrl, key: new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = _idp.TeamsKey.KeyId }),
            "bad-signature" => "Bearer " + good[..^4] + (good.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"),
            "signature-stripped" => "Bearer " + string.Join('.', good.Split('.').Take(2)) + ".",
            "tampered-payload" => "Bearer " + WithPayload(good, p => p["serviceurl"] = "https://attacker.example/"),
            "expired" => "Bearer " + _idp.ChannelToken(ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)),
            "expired-long-ago" => "Bearer " + _idp.ChannelToken(ServiceUrl, notBefore: now.AddYears(-3), expires: now.AddYears(-2)),
            "not-yet-valid" => "Bearer " + _idp.ChannelToken(ServiceUrl, notBefore: now.AddMinutes(10), expires: now.AddHours(1)),
            "no-exp" => "Bearer " + WithPayload(_idp.Token(claims), p => p.Remove("exp"), resign: true),
            "wrong-audience" => "Bearer " + _idp.ChannelToken(ServiceUrl, audience: Guid.NewGuid().ToString()),
            "audience-other-api" => "Bearer " + _idp.ChannelToken(ServiceUrl, audience: $"api://{OtherApp}"),
            "no-audience" => "Bearer " + _idp.Token(claims, audience: null),
            "wrong-issuer" => "Bearer " + _idp.ChannelToken(ServiceUrl, issuer: "https://api.botframework.example"),
            "issuer-trailing-slash" => "Bearer " + _idp.ChannelToken(ServiceUrl, issuer: "https://api.botframework.com/"),
            "issuer-uppercase" => "Bearer " + _idp.ChannelToken(ServiceUrl, issuer: "https://API.botframework.com"),
            "issuer-crlf" => "Bearer " + _idp.ChannelToken(ServiceUrl, issuer: "https://api.botframework.com\r\nINFO: forged log line"),
            "key-not-endorsed" => "Bearer " + _idp.ChannelToken(ServiceUrl, key: _idp.WebChatOnlyKey),
            "serviceurl-mismatch" => "Bearer " + _idp.ChannelToken("https://attacker.example/"),
            "serviceurl-missing" => "Bearer " + _idp.Token(new Dictionary<string, object>()),
            "serviceurl-missing-activity-without" => "Bearer " + _idp.Token(new Dictionary<string, object>()),
            "serviceurl-other-case" => "Bearer " + _idp.ChannelToken(ServiceUrl.ToUpperInvariant()),
            "entra-azp-other-app" => "Bearer " + _idp.EntraToken(caller: OtherApp),
            "entra-v1-appid-other-app" => "Bearer " + _idp.EntraToken(caller: OtherApp, version: "1.0"),
            "entra-unknown-ver" => "Bearer " + _idp.Token(new Dictionary<string, object> { ["ver"] = "3.0", ["azp"] = TestIdentityProvider.AppId },
                issuer: "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0"),
            "entra-no-ver" => "Bearer " + _idp.Token(new Dictionary<string, object> { ["azp"] = TestIdentityProvider.AppId },
                issuer: "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0"),
            "entra-no-azp" => "Bearer " + _idp.Token(new Dictionary<string, object> { ["ver"] = "2.0" },
                issuer: "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0"),
            "entra-wrong-tenant" => "Bearer " + _idp.EntraToken(tenant: Guid.NewGuid().ToString()),
            "entra-wrong-audience" => "Bearer " + _idp.EntraToken(audience: OtherApp),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static string WithHeader(string token, string header, string? signature = null)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode(header)}.{parts[1]}.{signature ?? parts[2]}";
    }

    private string WithPayload(string token, Action<JsonObject> change, bool resign = false)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        change(payload);
        var body = Base64UrlEncoder.Encode(payload.ToJsonString());
        if (!resign)
        {
            return $"{parts[0]}.{body}.{parts[2]}";
        }

        var signed = $"{parts[0]}.{body}";
        var signature = _idp.TeamsKey.Rsa.SignData(Encoding.ASCII.GetBytes(signed), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64UrlEncoder.Encode(signature)}";
    }

    [Fact]
    public async Task PostActivity_AlgNone_IsRefusedWithoutFetchingKeys()
    {
        var before = _idp.MetadataRequests;
        using var response = await PostAsync(Message(), Authorization("alg-none"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, _idp.MetadataRequests);
    }

    [Theory]
    [InlineData(IdpOutage.Failing)]
    [InlineData(IdpOutage.Hanging)]
    public async Task PostActivity_IdentityProviderDownBeforeAnyKeys_Is503WithRetryAfterQuickly(IdpOutage outage)
    {
        _idp.Outage = outage;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await PostAsync(Message(), "Bearer " + _idp.ChannelToken(ServiceUrl));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"answered after {started.Elapsed}");

        // While backing off, further requests do not fetch again and answer at once.
        var fetches = _idp.MetadataRequests;
        for (var i = 0; i < 5; i++)
        {
            using var again = await PostAsync(Message(), "Bearer " + _idp.ChannelToken(ServiceUrl));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        }

        Assert.Equal(fetches, _idp.MetadataRequests);

        // Back up: after the backoff the keys are fetched and the token passes.
        _idp.Outage = IdpOutage.None;
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var recovered = await PostAsync(Message(), "Bearer " + _idp.ChannelToken(ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task PostActivity_IdentityProviderDownAfterKeysWereFetched_KeepsServingWithThem()
    {
        using (var first = await PostAsync(Message(), "Bearer " + _idp.ChannelToken(ServiceUrl)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        _idp.Outage = IdpOutage.Failing;
        using var during = await PostAsync(Message(), "Bearer " + _idp.ChannelToken(ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);

        // A key nobody published is still refused: the known keys decide (a refresh is due only minutes later).
        using var unknown = await PostAsync(Message(), "Bearer " + _idp.ChannelToken(ServiceUrl, key: _idp.UnpublishedKey));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        _idp.Outage = IdpOutage.None;
    }

    [Fact]
    public async Task PostActivity_EntraTokenOfAnotherApp_DoesNotMakeItsServiceUrlTrusted()
    {
        var attacker = "https://attacker.example/";
        using var response = await PostAsync(Message(attacker), "Bearer " + _idp.EntraToken(caller: OtherApp));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(_bot.Services.GetRequiredService<ServiceUrlTrust>().IsTrusted(attacker));
    }
}
