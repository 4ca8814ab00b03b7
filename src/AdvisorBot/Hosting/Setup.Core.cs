using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Knowledge;
using AdvisorBot.State;
using AdvisorBot.State.Redis;
using StackExchange.Redis;
using AdvisorBot.Understanding;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Hosting;

/// <summary>
/// The registrations of the bot's inner parts, one method a part, in the order of a turn's flow. Nothing here reads
/// a file or trains a model: that happens when the service is first resolved, which the start-up check does (and
/// a test host shares the trained models with every other host of its process).
/// </summary>
public static class CoreSetup
{
    /// <summary>The URL the service listens on when neither --urls nor ASPNETCORE_URLS says otherwise (the Bot Framework convention).</summary>
    public const string DefaultUrl = "http://localhost:3978";

    /// <summary>A path from the settings: relative paths are under the application folder, so the service runs from anywhere.</summary>
    public static string AppPath(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);

    /// <summary>The basics every part uses: the clock, the cache, ProblemDetails, health checks, the default URL.</summary>
    public static WebApplicationBuilder AddAdvisorBotDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddMemoryCache();
        builder.Services.AddHealthChecks()
            .AddCheck<KnowledgeHealthCheck>("knowledge", tags: ["ready"])
            .AddCheck<UnderstandingHealthCheck>("understanding", tags: ["ready"])
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        if (builder.Configuration.GetValue<bool>("AdvisorBot:TrustForwardedHeaders"))
        {
            // Behind a reverse proxy that sets X-Forwarded-Proto/Host: the public address comes from them.
            builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                    | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            });
        }

        return builder;
    }

    /// <summary>Target-group profiles: loaded and validated on first use (the start-up check), then watched for changes.</summary>
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.Section).PostConfigure(o => o.ProfilesPath = AppPath(o.ProfilesPath));
        services.AddSingleton(sp => FileTargetGroupCatalog.LoadAsync(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ProfilesPath,
            NullLogger.Instance, watch: false).GetAwaiter().GetResult());
        services.AddSingleton<ITargetGroupCatalog>(sp => sp.GetRequiredService<FileTargetGroupCatalog>());
        services.AddHostedService<KnowledgeWatcher>();
        return builder;
    }

    /// <summary>Intent classifier and language detector (trained from dialogs/*.lu), lexicon, quantities, vacancy texts.</summary>
    public static WebApplicationBuilder AddUnderstanding(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<UnderstandingOptions>().BindConfiguration(UnderstandingOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.DialogsPath = AppPath(o.DialogsPath));
        services.AddSingleton(sp => TrainedModels.For(DialogsPath(sp)));
        services.AddSingleton<IIntentClassifier>(sp => sp.GetRequiredService<TrainedModels>().Classifier);
        services.AddSingleton(sp => sp.GetRequiredService<TrainedModels>().Languages);
        services.AddSingleton(sp => new TargetGroupExtractor(Lexicon.Load(Path.Combine(DialogsPath(sp), "lexicon.json"))));
        services.AddSingleton<QuantityRecognizer>();
        services.AddSingleton(sp => new VacancyTextAnalyzer(Path.Combine(DialogsPath(sp), "vacancy-check.json"), sp.GetRequiredService<QuantityRecognizer>()));
        services.AddHostedService<RecognizerWarmUp>();
        return builder;
    }

    /// <summary>Adaptive Card templates and chart images, with the card words of every language the dialogs speak.</summary>
    public static WebApplicationBuilder AddCards(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CardOptions>().BindConfiguration(CardOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .PostConfigure(o => o.CardsPath = AppPath(o.CardsPath));
        services.AddSingleton(sp => new CardLanguages(sp.GetRequiredService<IReadOnlyDictionary<string, ResponseTexts>>().Values
            .Select(t => new CardLanguage(t.Language, t.Name, t.Culture, t.Line("adviceHeading"), t.Line("chartAltText"), t.Line("showFigures")))));
        services.AddHttpContextAccessor();
        services.AddSingleton<IPublicBaseUrl, PublicBaseUrl>();
        services.AddSingleton<TemplatedCardRenderer>();
        services.AddSingleton<ICardRenderer>(sp => sp.GetRequiredService<TemplatedCardRenderer>());
        return builder;
    }

    /// <summary>Per-conversation and per-user data: the SQLite file by default, a turn lock in process, one session per turn.</summary>
    public static WebApplicationBuilder AddState(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<StateOptions>().BindConfiguration(StateOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .Validate(o => o.Provider != StateProvider.Redis || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")),
                "State:Provider is Redis but ConnectionStrings:Redis is not set.");
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<ExpiredDataPurge>();
        services.AddSingleton<StateSessions>();
        services.AddExceptionHandler<StateUnavailableHandler>();
        if (builder.Configuration.GetValue<StateProvider>($"{StateOptions.Section}:{nameof(StateOptions.Provider)}") == StateProvider.Redis)
        {
            // Connecting does not block start-up or fail it: the multiplexer keeps reconnecting, turns answer 503 meanwhile.
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var configuration = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString("Redis") ?? "");
                configuration.AbortOnConnectFail = false;
                // While Redis is away, fail at once (the turn answers 503) instead of queueing commands until they time out.
                configuration.BacklogPolicy = BacklogPolicy.FailFast;
                return ConnectionMultiplexer.Connect(configuration);
            });
            services.AddSingleton<IStateStore>(sp => new RedisStateStore(
                sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<IOptions<StateOptions>>().Value.KeyPrefix, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IConversationLock>(sp =>
            {
                var o = sp.GetRequiredService<IOptions<StateOptions>>().Value;
                return new RedisConversationLock(sp.GetRequiredService<IConnectionMultiplexer>(), o.KeyPrefix, o.LockLease, maxWait: TimeSpan.FromSeconds(30));
            });
            return builder;
        }

        services.AddSingleton<IStateStore>(sp => new SqliteStateStore(
            AppPath(sp.GetRequiredService<IOptions<StateOptions>>().Value.SqlitePath), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IConversationLock, InProcessConversationLock>();
        return builder;
    }

    /// <summary>
    /// The store is away (Redis down, say): 503 with Retry-After, in the Direct Line error shape on its paths and as
    /// ProblemDetails elsewhere. The turn wrote nothing, so the client may simply send again.
    /// </summary>
    private sealed class StateUnavailableHandler(ILogger<StateUnavailableHandler> logger, IProblemDetailsService problems) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not StateUnavailableException && exception.GetBaseException() is not StateUnavailableException)
            {
                return false;
            }

            logger.LogWarning("State store unavailable: {Reason}", exception.GetBaseException().Message);
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = ((int)StateUnavailableException.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (httpContext.Request.Path.StartsWithSegments("/v3/directline", StringComparison.OrdinalIgnoreCase))
            {
                await Channels.DirectLine.DirectLineEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable",
                    "The conversation store is briefly unavailable; send again in a moment.").ExecuteAsync(httpContext).ConfigureAwait(false);
                return true;
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = "The conversation store is briefly unavailable; send again in a moment." },
            }).ConfigureAwait(false);
        }
    }

    internal static string DialogsPath(IServiceProvider services) => services.GetRequiredService<IOptions<UnderstandingOptions>>().Value.DialogsPath;

    private sealed class KnowledgeHealthCheck(ITargetGroupCatalog catalog) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var profiles = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
            return profiles.Count > 0
                ? HealthCheckResult.Healthy($"{profiles.Count} target-group profile(s) loaded")
                : HealthCheckResult.Unhealthy("No target-group profile loaded");
        }
    }

    /// <summary>The classifier is trained (the first resolve trains it; a probe that comes early waits for it).</summary>
    private sealed class UnderstandingHealthCheck(IIntentClassifier classifier) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(classifier.Intents.Count > 0
                ? HealthCheckResult.Healthy($"{classifier.Intents.Count} intents trained")
                : HealthCheckResult.Unhealthy("No intents trained"));
    }

    /// <summary>Deletes expired items from the store every <see cref="PrivacyOptions.PurgeInterval"/>, on the host's clock.</summary>
    private sealed class ExpiredDataPurge(IStateStore store, IOptions<PrivacyOptions> privacy, TimeProvider time, ILogger<ExpiredDataPurge> logger) : IHostedService, IAsyncDisposable
    {
        private ITimer? _timer;
        private int _running;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            var every = privacy.Value.PurgeInterval;
            _timer = time.CreateTimer(_ => _ = PurgeAsync(), null, every, every);
            return Task.CompletedTask;
        }

        private async Task PurgeAsync()
        {
            if (Interlocked.Exchange(ref _running, 1) == 1)
            {
                return;
            }

            try
            {
                var purged = await store.PurgeExpiredAsync().ConfigureAwait(false);
                if (purged > 0)
                {
                    logger.LogInformation("Purged {Count} expired state items", purged);
                }
            }
            catch (Exception ex) when (ex is StateUnavailableException or Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
            {
                logger.LogWarning("Purge of expired state items failed: {Reason}; the next one tries again", ex.Message);
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => _timer?.DisposeAsync().AsTask() ?? Task.CompletedTask;

        public ValueTask DisposeAsync() => _timer?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    /// <summary>The state store answers a read.</summary>
    private sealed class StoreHealthCheck(IStateStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await store.ReadAsync("health/probe", cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy("state store reachable");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("state store unreachable", ex);
            }
        }
    }

    private sealed class KnowledgeWatcher(FileTargetGroupCatalog catalog, ILogger<FileTargetGroupCatalog> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            catalog.StartWatching(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RecognizerWarmUp(QuantityRecognizer recognizer) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(recognizer.WarmUp, stoppingToken);
    }
}
