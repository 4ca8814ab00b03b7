using AdvisorBot.Channels.ConsoleChat;
using AdvisorBot.Channels.Teams;
using AdvisorBot.Hosting;
using AdvisorBot.Hosting.Insights;
using AdvisorBot.Turn;

// `teams-package`: writes the Teams app package; needs no service.
if (args is ["teams-package", .. var packageArgs])
{
    return await TeamsAppPackage.RunAsync(packageArgs);
}

// `chat`: the same bot in the terminal; otherwise the service.
var chat = args is ["chat", ..];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = chat ? [] : args, ContentRootPath = AppContext.BaseDirectory });
if (chat)
{
    builder.Logging.ClearProviders();
}

var app = Program.Build(builder);
return await Startup.RunAsync(app, chat
    ? services => ChatConsole.RunAsync(services.GetRequiredService<ITurnProcessor>(), ChatConsole.LocaleOf(args[1..]))
    : null);

/// <summary>The table of contents: the parts of one turn, in the order a message flows through them.</summary>
public partial class Program
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAdvisorBotDefaults()
            .AddKnowledge()        // target-group profiles: loaded, validated, watched
            .AddUnderstanding()    // classifier, language, lexicon, quantities, vacancy texts
            .AddDialogs()          // response texts, topic handlers, the typed router
            .AddChecklist()        // the guided checklist walkthrough and its plans
            .AddCards()            // Adaptive Card templates and chart images
            .AddState()            // SQLite by default, the turn lock, one unit of work a turn
            .AddTurn()             // the one entry of every channel
            .AddBotFramework()     // /api/messages: authentication, Connector
            .AddDirectLine()       // Direct Line 3.0 and the intranet page
            .AddTeams()            // Teams files
            .AddTelemetry();       // OpenTelemetry traces and metrics; /metrics when switched on

        var app = builder.Build();
        app.UseAdvisorBotDefaults()
            .MapTelemetry()        // /metrics (Prometheus), loopback only by default
            .MapInsights()         // /admin/insights: counts of what is asked and how it went, loopback only by default
            .MapChannels();        // /api/messages, /charts, /v3/directline, /, /plans
        return app;
    }
}
