using AdvisorBot.Authentication;
using AdvisorBot.Cards;
using AdvisorBot.Connector;
using AdvisorBot.Dialogs;
using AdvisorBot.Dialogs.Intents;
using AdvisorBot.DirectLine;
using AdvisorBot.Endpoints;
using AdvisorBot.Knowledge;
using AdvisorBot.State;
using AdvisorBot.Understanding;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Hosting;

public static partial class AdvisorBotServiceExtensions
{
    /// <summary>
    /// Registers the whole bot: knowledge (loaded and validated now, so an invalid profile stops start-up),
    /// understanding (trained now from dialogs/*.lu), dialogs, cards, state and the Connector client.
    /// </summary>
    public static async Task AddAdvisorBotAsync(this WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(AdvisorBotOptions.DefaultUrl);
        }

        var options = configuration.GetSection(AdvisorBotOptions.Section).Get<AdvisorBotOptions>() ?? new AdvisorBotOptions();
        services.AddOptions<AdvisorBotOptions>().BindConfiguration(AdvisorBotOptions.Section);
        services.AddOptions<BotFrameworkOptions>().Bind(configuration);
        services.AddOptions<DialogOptions>().BindConfiguration("Dialog");
        services.AddOptions<StateOptions>().BindConfiguration("State");
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddMemoryCache();

        // Knowledge: every profile valid, or no start. Watching for changes starts in MapAdvisorBot.
        var catalog = await FileTargetGroupCatalog.LoadAsync(AdvisorBotOptions.Resolve(options.ProfilesPath),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, watch: false, cancellationToken).ConfigureAwait(false);
        services.AddSingleton(catalog);
        services.AddSingleton<ITargetGroupCatalog>(catalog);
        services.AddHealthChecks().AddCheck<KnowledgeHealthCheck>("knowledge");

        // Understanding: data from dialogs/, trained once at start-up.
        var dialogsPath = AdvisorBotOptions.Resolve(options.DialogsPath);
        var utterances = LuFile.LoadFolder(dialogsPath);
        services.AddSingleton<IIntentClassifier>(IntentClassifier.Train(utterances));
        services.AddSingleton(new LanguageDetector(utterances));
        services.AddSingleton(new TargetGroupExtractor(Lexicon.Load(Path.Combine(dialogsPath, "lexicon.json"))));
        services.AddSingleton<IReadOnlyDictionary<string, ResponseTexts>>(ResponseTexts.LoadFolder(Path.Combine(dialogsPath, "responses")));
        services.AddSingleton<QuantityRecognizer>();
        services.AddSingleton(sp => new VacancyTextAnalyzer(Path.Combine(dialogsPath, "vacancy-check.json"), sp.GetRequiredService<QuantityRecognizer>()));
        services.AddHostedService<RecognizerWarmUp>();

        // Dialogs: one handler per intent, found by convention; AdvisorDialog refuses to start on a gap.
        foreach (var handler in typeof(IntentHandler).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IIntentHandler).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(IIntentHandler), handler);
        }

        services.AddSingleton<ChecklistStore>();
        services.AddSingleton(sp => new ChecklistWalkthrough(sp.GetRequiredService<ChecklistStore>(), sp.GetRequiredService<TimeProvider>(),
            Path.Combine(dialogsPath, "checklist.json"), sp.GetRequiredService<IOptions<AdvisorBotOptions>>().Value.PublicBaseUrl));
        services.AddSingleton<AdvisorDialog>();
        services.AddSingleton<TemplatedCardRenderer>();
        services.AddSingleton<ICardRenderer>(sp => sp.GetRequiredService<TemplatedCardRenderer>());

        // State: SQLite file by default, per-conversation turn lock in process.
        services.AddSingleton<IStateStore>(sp =>
        {
            var stateOptions = sp.GetRequiredService<IOptions<StateOptions>>().Value;
            return new SqliteStateStore(AdvisorBotOptions.Resolve(stateOptions.SqlitePath), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IConversationLock, InProcessConversationLock>();
        services.AddSingleton<ConversationStateStore>();
        services.AddSingleton<BotTurnProcessor>();

        // Bot Framework authentication: inbound channel tokens, outbound client credentials (both off without an app id).
        var botOptions = configuration.Get<BotFrameworkOptions>() ?? new BotFrameworkOptions();
        botOptions.Validate();
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton<ChannelAuthenticator>();
        services.AddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.AddHttpClient("openid", http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(MsalBotTokenProvider.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(TeamsFiles.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<TeamsFiles>();
        services.AddHttpClient<IConnectorClient, ConnectorClient>(http => http.Timeout = TimeSpan.FromSeconds(60));

        // Direct Line for the intranet page: tokens, the activity log in the state store, stream fan-out in process.
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section);
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<IActivityNotifier, InProcessActivityNotifier>();
        services.AddSingleton<IActivityLog, StateStoreActivityLog>();
        services.AddSingleton<DirectLineBot>();
        services.AddSingleton<DirectLineRateLimiter>();
        var origins = configuration.GetSection($"{DirectLineOptions.Section}:{nameof(DirectLineOptions.AllowedOrigins)}").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy =>
        {
            if (origins.Length > 0)
            {
                // Credentials too: with intranet sign-in the token request carries the user's cookie or Windows identity.
                policy.WithOrigins(origins).WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent").WithMethods("GET", "POST").AllowCredentials();
            }
        }));
    }

    public static WebApplication MapAdvisorBot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/healthz");
        app.UseCors();
        app.UseWebSockets();
        app.MapBotFramework();
        app.MapCharts();
        app.MapDirectLine();
        app.MapWebChat();
        app.MapPlans();

        app.Services.GetRequiredService<FileTargetGroupCatalog>()
            .StartWatching(app.Services.GetRequiredService<ILogger<FileTargetGroupCatalog>>());

        // Fail now, not on the first message, if the dialogs data has a gap or the state file cannot be opened.
        _ = app.Services.GetRequiredService<AdvisorDialog>();
        _ = app.Services.GetRequiredService<IStateStore>();
        _ = app.Services.GetRequiredService<ICardRenderer>();
        _ = app.Services.GetRequiredService<DirectLineTokens>();
        var bot = app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
        if (string.IsNullOrWhiteSpace(bot.MicrosoftAppId))
        {
            Log.AnonymousMode(app.Logger);
        }

        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "MicrosoftAppId is not set: /api/messages accepts unauthenticated requests and replies carry no token (development mode, as in the Bot Framework SDKs). Do not expose this to a network.")]
        public static partial void AnonymousMode(ILogger logger);
    }

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

    private sealed class RecognizerWarmUp(QuantityRecognizer recognizer) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(recognizer.WarmUp, stoppingToken);
    }
}
