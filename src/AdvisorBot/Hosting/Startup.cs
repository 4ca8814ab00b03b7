using AdvisorBot.Cards;
using AdvisorBot.Channels.DirectLine;
using AdvisorBot.Knowledge;
using AdvisorBot.Protocol;
using AdvisorBot.State;
using AdvisorBot.Turn;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Hosting;

/// <summary>
/// The one start-up error path: every setting checked (data annotations and validators, <c>ValidateOnStart</c>),
/// the knowledge loaded and validated, the models trained, the card templates compiled, the state store opened,
/// before the service listens. Whatever is wrong is printed as one line each, and the service exits with 1.
/// </summary>
public static partial class Startup
{
    /// <summary>Checks everything the first message would need; returns the problems (none: ready).</summary>
    public static IReadOnlyList<string> Check(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            _ = services.GetRequiredService<FileTargetGroupCatalog>();
            _ = services.GetRequiredService<ITurnProcessor>();
            _ = services.GetRequiredService<ICardRenderer>();
            _ = services.GetRequiredService<IStateStore>();
            _ = services.GetRequiredService<DirectLineTokens>();
            return [];
        }
        catch (Exception ex) when (Problems(ex) is { Count: > 0 } problems)
        {
            return problems;
        }
    }

    /// <summary>
    /// Training and loading allocate far more than the service keeps (feature buffers, the .lu texts, JSON
    /// documents): one compacting, decommitting collection before the first request gives that memory back to the OS.
    /// </summary>
    private static void ReleaseStartupMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Runs the service (or <paramref name="instead"/>, e.g. the console chat) once the start-up check passed.</summary>
    public static async Task<int> RunAsync(WebApplication app, Func<IServiceProvider, Task<int>>? instead = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var problems = Check(app.Services);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"AdvisorBot cannot start: {problem}").ConfigureAwait(false);
            }

            return 1;
        }

        ReleaseStartupMemory();
        if (!app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AuthenticationEnabled)
        {
            Log.AnonymousMode(app.Logger);
        }
        else if (app.Services.GetRequiredService<IOptions<CardOptions>>().Value.PublicBaseUrl is not { } publicBase
            || !publicBase.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            Log.NoPublicHttpsUrl(app.Logger);
        }

        if (instead is not null)
        {
            return await instead(app.Services).ConfigureAwait(false);
        }

        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The lines to print for a start-up failure; none for an exception that is a bug, not a setting.</summary>
    private static List<string> Problems(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Problems)],
        ProfileValidationException or FormatException or TemplateException or IOException or UnauthorizedAccessException => [exception.Message],
        InvalidOperationException when exception.InnerException is { } inner && Problems(inner) is { Count: > 0 } innerProblems => innerProblems,
        InvalidOperationException => [exception.Message],
        _ => [],
    };

    private static partial class Log
    {
        [LoggerMessage(4002, LogLevel.Warning, "Teams is configured but AdvisorBot:PublicBaseUrl is not a public https address: Teams clients may not load the chart images and plan links.")]
        public static partial void NoPublicHttpsUrl(ILogger logger);

        [LoggerMessage(4001, LogLevel.Warning, "MicrosoftAppId is not set: /api/messages accepts unauthenticated requests and replies carry no token (development mode, as in the Bot Framework SDKs). Do not expose this to a network.")]
        public static partial void AnonymousMode(ILogger logger);
    }
}
