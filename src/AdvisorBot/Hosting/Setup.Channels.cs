using AdvisorBot.Channels.BotFramework;
using AdvisorBot.Channels.Charts;
using AdvisorBot.Channels.DirectLine;
using AdvisorBot.Channels.WebChat;
using Microsoft.AspNetCore.RateLimiting;
using AdvisorBot.Features.Checklist;
using AdvisorBot.Protocol;
using AdvisorBot.Protocol.Authentication;
using AdvisorBot.Protocol.Connector;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

using AdvisorBot.State;
using StackExchange.Redis;

namespace AdvisorBot.Hosting;

/// <summary>The channels: the Bot Framework endpoint with its authentication and Connector, Direct Line with the intranet page, Teams.</summary>
public static class ChannelSetup
{
    /// <summary>At most this long is waited for one Retry-After of the Connector, so a reply is not held for minutes.</summary>
    public static readonly TimeSpan MaxRetryAfter = ConnectorClient.MaxRetryAfter;

    /// <summary><c>/api/messages</c>: inbound channel tokens, outbound client credentials (both off without an app id), the Connector.</summary>
    public static WebApplicationBuilder AddBotFramework(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotFrameworkOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<ChannelAuthenticator>();
        services.AddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.AddHttpClient("openid", http => http.Timeout = TimeSpan.FromSeconds(5));
        services.AddHttpClient(MsalBotTokenProvider.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient<IConnectorClient, ConnectorClient>(http => http.Timeout = TimeSpan.FromSeconds(60))
            .AddResilienceHandler("connector", retry => retry.AddRetry(ConnectorRetry()));
        services.AddSingleton<ReplyOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplyOutbox>());
        return builder;
    }

    /// <summary>429 and 5xx retried with jittered backoff, honouring Retry-After up to <see cref="MaxRetryAfter"/>.</summary>
    private static HttpRetryStrategyOptions ConnectorRetry() => new()
    {
        MaxRetryAttempts = 3,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(500),
        ShouldRetryAfterHeader = false,
        DelayGenerator = args =>
        {
            var retryAfter = args.Outcome.Result?.Headers.RetryAfter;
            TimeSpan? wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            return ValueTask.FromResult(wait is { } w && w > TimeSpan.Zero ? (TimeSpan?)(w < MaxRetryAfter ? w : MaxRetryAfter) : null);
        },
    };

    /// <summary>Direct Line 3.0 for the intranet page: tokens, the activity log in the state store, stream fan-out in process, CORS.</summary>
    public static WebApplicationBuilder AddDirectLine(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<IActivityLog, StateStoreActivityLog>();
        services.AddSingleton<DirectLineBot>();
        if (builder.Configuration.GetValue<StateProvider>($"{StateOptions.Section}:{nameof(StateOptions.Provider)}") == StateProvider.Redis)
        {
            // Shared by every instance: the streams hear of each other's appends, and one bucket limits a conversation.
            services.AddSingleton<IActivityNotifier>(sp => new RedisActivityNotifier(
                sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<StateOptions>>().Value.KeyPrefix));
            services.AddSingleton<IDirectLineRateLimiter>(sp => new RedisDirectLineRateLimiter(sp.GetRequiredService<IConnectionMultiplexer>(),
                sp.GetRequiredService<IOptions<StateOptions>>().Value.KeyPrefix, sp.GetRequiredService<IOptions<DirectLineOptions>>()));
        }
        else
        {
            services.AddSingleton<IActivityNotifier, InProcessActivityNotifier>();
            services.AddSingleton<IDirectLineRateLimiter, DirectLineRateLimiter>();
        }

        AddTokenRateLimit(services);
        var origins = builder.Configuration.GetSection($"{DirectLineOptions.Section}:{nameof(DirectLineOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy =>
        {
            if (origins.Length > 0)
            {
                // Credentials too: with intranet sign-in the token request carries the user's cookie or Windows identity.
                policy.WithOrigins(origins).WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent").WithMethods("GET", "POST").AllowCredentials();
            }
        }));
        return builder;
    }

    /// <summary>The page's token requests, limited per client address (429 with Retry-After, in the Direct Line error shape).</summary>
    private static void AddTokenRateLimit(IServiceCollection services)
    {
        services.AddRateLimiter(limits =>
        {
            limits.AddPolicy(WebChatEndpoints.TokenRatePolicy, http =>
            {
                var o = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;
                return System.Threading.RateLimiting.RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new System.Threading.RateLimiting.TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(1, o.TokenRequestBurst),
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, o.TokenRequestsPerMinute),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limits.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(2);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await DirectLineEndpoints.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many token requests from this address; wait a moment.")
                    .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });
    }

    /// <summary>Teams: vacancy texts sent as .txt files are downloaded from Teams' file store.</summary>
    public static WebApplicationBuilder AddTeams(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(TeamsFiles.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<TeamsFiles>();
        return builder;
    }

    /// <summary>The framework's middleware the endpoints rely on.</summary>
    public static WebApplication UseAdvisorBotDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool>("AdvisorBot:TrustForwardedHeaders"))
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/healthz");
        // For a container platform: live = the process answers; ready = knowledge loaded, models trained, store reachable.
        app.MapHealthChecks("/healthz/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.UseCors();
        app.UseRateLimiter();
        app.UseWebSockets();
        return app;
    }

    /// <summary>Every endpoint: the Bot Framework's, the chart images, Direct Line, the intranet page, the plans.</summary>
    public static WebApplication MapChannels(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapBotFramework();
        app.MapCharts();
        app.MapDirectLine();
        app.MapWebChat();
        app.MapPlans();
        return app;
    }
}
