using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AdvisorBot.Channels.DirectLine;
using AdvisorBot.State;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdvisorBot.Tests.Channels.DirectLine;

public sealed class DirectLineTokensTests
{
    private static DirectLineTokens Tokens(IStateStore store, TimeProvider time, Action<DirectLineOptions>? configure = null)
    {
        var options = new DirectLineOptions();
        options.Secrets.Add(AdvisorBotApp.DirectLineSecret);
        configure?.Invoke(options);
        return new DirectLineTokens(Options.Create(options), store, time);
    }

    [Fact]
    public async Task Token_IsValidForItsLifetime_ThenExpired_AndResumableOnlyWithinTheGrace()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = Tokens(new InMemoryStateStore(time), time);
        var issued = await tokens.IssueAsync("conv-1", "dl_user", null, default);
        Assert.Equal(3600, issued.ExpiresIn);

        var (status, grant) = await tokens.AuthenticateAsync(issued.Token, null, default);
        Assert.Equal(CredentialStatus.Valid, status);
        Assert.Equal("conv-1", grant!.ConversationId);
        Assert.Equal("dl_user", grant.UserId);
        Assert.True(grant.Allows("conv-1"));
        Assert.False(grant.Allows("conv-2"));

        time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(CredentialStatus.Expired, (await tokens.AuthenticateAsync(issued.Token, null, default)).Status);
        Assert.Equal(CredentialStatus.Valid, (await tokens.AuthenticateAsync(issued.Token, TimeSpan.FromDays(7), default)).Status);
        time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(CredentialStatus.Expired, (await tokens.AuthenticateAsync(issued.Token, TimeSpan.FromDays(7), default)).Status);
    }

    [Fact]
    public async Task TamperedOrForeignTokens_AreInvalid_AndTheSecretGrantsEveryConversation()
    {
        var time = new FakeTimeProvider();
        var tokens = Tokens(new InMemoryStateStore(time), time);
        var issued = await tokens.IssueAsync("conv-1", null, null, default);
        var parts = issued.Token.Split('.');
        var otherPayload = Convert.ToBase64String("""{"conv":"conv-2","exp":9999999999,"iss":"advisorbot-directline","aud":"advisorbot-directline"}"""u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(CredentialStatus.Invalid, (await tokens.AuthenticateAsync($"{parts[0]}.{otherPayload}.{parts[2]}", null, default)).Status);

        var foreign = await Tokens(new InMemoryStateStore(time), time).IssueAsync("conv-1", null, null, default); // another key
        Assert.Equal(CredentialStatus.Invalid, (await tokens.AuthenticateAsync(foreign.Token, null, default)).Status);

        var (status, grant) = await tokens.AuthenticateAsync(AdvisorBotApp.DirectLineSecret, null, default);
        Assert.Equal(CredentialStatus.Valid, status);
        Assert.True(grant!.IsSecret && grant.Allows("anything"));
        Assert.Equal(CredentialStatus.Missing, (await tokens.AuthenticateHeaderAsync("Basic abc", default)).Status);
    }

    [Fact]
    public async Task Authenticate_TokenIssuedByAnInstanceSharingTheStore_IsValid()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryStateStore(time);
        var one = Tokens(store, time);
        var two = Tokens(store, time);
        var issued = await one.IssueAsync("conv-1", null, null, default);
        Assert.Equal(CredentialStatus.Valid, (await two.AuthenticateAsync(issued.Token, null, default)).Status);
    }

    [Fact]
    public void Constructor_ShortSecretOrSigningKey_StopsStartUp()
    {
        var time = new FakeTimeProvider();
        Assert.Throws<InvalidOperationException>(() => Tokens(new InMemoryStateStore(time), time, o => o.Secrets.Add("short")));
        Assert.Throws<InvalidOperationException>(() => Tokens(new InMemoryStateStore(time), time, o => o.TokenSigningKey = Convert.ToBase64String(new byte[16])));
    }
}

/// <summary>Expiry and sign-in over HTTP, with the service's clock and settings replaced.</summary>
[Collection(AppCollection.Name)]
public sealed class DirectLineAccessTests(AdvisorBotApp app)
{
    [Fact]
    public async Task ExpiredToken_Gets403TokenExpired_AsDirectLineJsExpects()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(time)));
        using var client = factory.CreateClient();
        var page = (await (await client.PostAsync("/api/webchat/token", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", page["token"]!.GetValue<string>());
        time.Advance(TimeSpan.FromHours(2));

        using var response = await client.GetAsync($"/v3/directline/conversations/{page["conversationId"]}/activities?watermark=");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("TokenExpired", (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        using var refresh = await client.PostAsync("/v3/directline/tokens/refresh", null);
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
    }

    [Fact]
    public async Task AuthenticatedUserMode_RefusesAnonymousPages_AndBindsTheSignedInUser()
    {
        await using var factory = app.WithWebHostBuilder(b => b
            .UseSetting("DirectLine:WebChatTokenAccess", "AuthenticatedUser")
            .UseSetting("DirectLine:TrustedUserHeader", "X-Remote-User"));
        using var client = factory.CreateClient();
        using var anonymous = await client.PostAsync("/api/webchat/token", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Unauthorized", (await anonymous.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());

        async Task<JsonObject> AsUser(string name, string? previous = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token");
            request.Headers.Add("X-Remote-User", name);
            if (previous is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", previous);
            }

            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var jan = await AsUser("MINBZK\\jan");
        var janAgain = await AsUser("minbzk\\JAN");
        Assert.Equal(jan["userId"]!.GetValue<string>(), janAgain["userId"]!.GetValue<string>()); // one id per person
        Assert.NotEqual(jan["userId"]!.GetValue<string>(), (await AsUser("MINBZK\\piet"))["userId"]!.GetValue<string>());

        // Another user cannot take over Jan's conversation with Jan's token.
        var piet = await AsUser("MINBZK\\piet", jan["token"]!.GetValue<string>());
        Assert.NotEqual(jan["conversationId"]!.GetValue<string>(), piet["conversationId"]!.GetValue<string>());
        Assert.Equal(jan["conversationId"]!.GetValue<string>(), (await AsUser("MINBZK\\jan", jan["token"]!.GetValue<string>()))["conversationId"]!.GetValue<string>());
    }
}

/// <summary>Another intranet page may embed the chat only if its origin is configured.</summary>
[Collection(AppCollection.Name)]
public sealed class DirectLineCorsTests(AdvisorBotApp app)
{
    [Theory]
    [InlineData("https://intranet.example", true)]
    [InlineData("https://elsewhere.example", false)]
    public async Task Preflight_FromAnOrigin_IsAllowedOnlyIfConfigured(string origin, bool allowed)
    {
        await using var factory = app.WithWebHostBuilder(b => b.UseSetting("DirectLine:AllowedOrigins:0", "https://intranet.example"));
        using var client = factory.CreateClient();
        foreach (var path in new[] { "/api/webchat/token", "/v3/directline/conversations" })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-ms-bot-agent");
            using var response = await client.SendAsync(preflight);
            var allowOrigin = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
            Assert.Equal(allowed ? origin : null, allowOrigin);
            if (allowed)
            {
                Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
                Assert.Contains("x-ms-bot-agent", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
