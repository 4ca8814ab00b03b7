using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AdvisorBot.Protocol.Authentication;
using AdvisorBot.Protocol.Connector;
using AdvisorBot.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace AdvisorBot.Tests.Protocol.Authentication;

/// <summary>
/// /api/messages with an app id configured: every request needs a valid Bot Connector token; replies go out with the
/// bot's client-credentials token, retried on 429. The identity endpoints and the Connector are loopback servers that
/// speak the real wire formats.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ChannelAuthenticationTests(AdvisorBotApp app) : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private TestIdentityProvider _idp = null!;
    private WebApplicationFactory<Program> _bot = null!;

    public async Task InitializeAsync()
    {
        _idp = await TestIdentityProvider.StartAsync();
        _bot = Configure(app, _idp, singleTenant: false);
    }

    /// <summary>The service with an app id, its identity endpoints on the loopback provider.</summary>
    internal static WebApplicationFactory<Program> Configure(AdvisorBotApp app, TestIdentityProvider idp, bool singleTenant) => app.WithWebHostBuilder(b =>
    {
        b.UseSetting("MicrosoftAppId", TestIdentityProvider.AppId);
        b.UseSetting("MicrosoftAppPassword", TestIdentityProvider.AppPassword);
        b.UseSetting("MicrosoftAppType", singleTenant ? "SingleTenant" : "MultiTenant");
        b.UseSetting("MicrosoftAppTenantId", singleTenant ? TestIdentityProvider.TenantId : "");
        b.UseSetting("BotOpenIdMetadata", idp.BotMetadataUrl);
        b.UseSetting("EntraOpenIdMetadata", idp.EntraMetadataUrl);
        b.ConfigureTestServices(s => s.AddHttpClient(MsalBotTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(idp.LoginHandler));
    });

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _idp.DisposeAsync();
    }

    private static JsonObject TeamsMessage(string serviceUrl, bool expectReplies = true)
    {
        var activity = AdvisorBotApp.Message("hoe schaars zijn ze?", "a:1" + Guid.NewGuid().ToString("N"));
        activity["channelId"] = "msteams";
        activity["serviceUrl"] = serviceUrl;
        if (!expectReplies)
        {
            activity.Remove("deliveryMode");
        }

        return activity;
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token)
    {
        using var client = _bot.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity) };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task PostActivity_ValidConnectorToken_IsAccepted()
    {
        using var response = await PostAsync(TeamsMessage(ServiceUrl), _idp.ChannelToken(ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ExpectedReplies);
        Assert.Contains("Zeer schaars", CardText.Of(replies!.Activities[0].Attachments![0].Content!), StringComparison.Ordinal);
    }

    public static TheoryData<string> BadTokens => new()
    {
        "none", "expired", "not-yet-valid", "wrong-audience", "wrong-issuer", "unknown-key", "key-not-endorsed-for-channel",
        "serviceurl-mismatch", "alg-none", "tampered-payload", "hs256-with-the-public-key", "garbage",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task AnythingElse_Is401_WithNothingProcessed(string kind)
    {
        var now = DateTime.UtcNow;
        string? token = kind switch
        {
            "none" => null,
            "expired" => _idp.ChannelToken(ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-10)),
            "not-yet-valid" => _idp.ChannelToken(ServiceUrl, notBefore: now.AddMinutes(10), expires: now.AddHours(1)),
            "wrong-audience" => _idp.ChannelToken(ServiceUrl, audience: Guid.NewGuid().ToString()),
            "wrong-issuer" => _idp.ChannelToken(ServiceUrl, issuer: "https://api.botframework.example"),
            "unknown-key" => _idp.ChannelToken(ServiceUrl, key: _idp.UnpublishedKey),
            "key-not-endorsed-for-channel" => _idp.ChannelToken(ServiceUrl, key: _idp.WebChatOnlyKey),
            "serviceurl-mismatch" => _idp.ChannelToken("https://attacker.example/"),
            "alg-none" => Unsigned(_idp.ChannelToken(ServiceUrl)),
            "tampered-payload" => Tampered(_idp.ChannelToken(ServiceUrl)),
            "hs256-with-the-public-key" => _idp.ChannelToken(ServiceUrl,
                key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_idp.TeamsKey.Rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = _idp.TeamsKey.KeyId },
                algorithm: SecurityAlgorithms.HmacSha256),
            _ => "not.a.jwt",
        };

        var activity = TeamsMessage(ServiceUrl);
        var conversationId = activity["conversation"]!["id"]!.GetValue<string>();
        using var response = await PostAsync(activity, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        // Nothing processed: the conversation has no state.
        var store = _bot.Services.GetRequiredService<AdvisorBot.State.IStateStore>();
        Assert.Null(await store.ReadAsync($"conversation/msteams/{conversationId}"));
    }

    private static string Unsigned(string token)
    {
        var parts = token.Split('.');
        return $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.";
    }

    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["aud"] = TestIdentityProvider.AppId; // unchanged claims, but re-encoded with an extra one
        payload["extra"] = "x";
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    [Fact]
    public async Task Replies_CarryTheClientCredentialsToken_FetchedOnceAndCached_AndA429IsRetried()
    {
        var hits = new List<(string Path, string? Authorization)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var connector = builder.Build();
        connector.MapPost("/emea/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext http) =>
        {
            int count;
            lock (hits)
            {
                hits.Add((http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget, http.Request.Headers.Authorization.FirstOrDefault()));
                count = hits.Count;
            }

            if (count == 1)
            {
                http.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "TooManyRequests", message = "slow down" } }, statusCode: 429);
            }

            return Results.Json(new { id = "reply-" + count }, statusCode: 201);
        });
        await connector.StartAsync();
        var serviceUrl = connector.Urls.First() + "/emea/";

        var started = DateTime.UtcNow;
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var response = await PostAsync(TeamsMessage(serviceUrl, expectReplies: false), _idp.ChannelToken(serviceUrl));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(3, hits.Count); // 429, its retry, the second reply
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After was not honoured");
        Assert.All(hits, h => Assert.Equal("Bearer bot-access-token-1", h.Authorization));
        Assert.All(hits, h => Assert.StartsWith("/emea/v3/conversations/a%3A1", h.Path, StringComparison.Ordinal));
        var tokenRequest = Assert.Single(_idp.TokenRequests); // cached after the first
        Assert.Equal("/botframework.com/oauth2/v2.0/token", tokenRequest.Path);
        Assert.Equal("client_credentials", tokenRequest.Form["grant_type"]);
        Assert.Equal(TestIdentityProvider.AppId, tokenRequest.Form["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", tokenRequest.Form["scope"]);
    }

    [Fact]
    public async Task GetToken_SingleTenant_AsksItsOwnTenantForTheToken()
    {
        await using var bot = Configure(app, _idp, singleTenant: true);
        var tokens = bot.Services.GetRequiredService<IBotTokenProvider>();
        Assert.Equal("bot-access-token-1", await tokens.GetTokenAsync(default));
        Assert.Equal($"/{TestIdentityProvider.TenantId}/oauth2/v2.0/token", Assert.Single(_idp.TokenRequests).Path);
    }

    [Fact]
    public async Task Send_ServiceUrlNoAuthenticatedActivityBrought_NeverGetsTheBotsToken()
    {
        var sent = 0;
        using var http = new HttpClient(new CountingHandler(() => sent++));
        var client = new ConnectorClient(http, new FixedToken("bot-token"), new ServiceUrlTrust());
        var reply = new Activity
        {
            Type = "message", ServiceUrl = "https://attacker.example/", Conversation = new ConversationAccount { Id = "a:1" }, ReplyToId = "1",
        };
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(reply, default));
        Assert.Equal(0, sent);
    }

    private sealed class FixedToken(string token) : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(token);
    }

    private sealed class CountingHandler(Action onSend) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onSend();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created));
        }
    }
}
