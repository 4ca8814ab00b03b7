using AdvisorBot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace AdvisorBot.Tests.Channels.DirectLine;

/// <summary>
/// The real service on a real Kestrel port (browsers and Node clients cannot reach an in-memory test server), with
/// its own SQLite file and the Direct Line secret of the tests. <see cref="RestartAsync"/> stops it and starts a new
/// process-equivalent on the same port and file, as a service restart would.
/// </summary>
public sealed class LiveAdvisorBot : IAsyncLifetime
{
    public const string Secret = AdvisorBotApp.DirectLineSecret;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"advisorbot-live-{Guid.NewGuid():N}");
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private WebApplication? _app;

    public LiveAdvisorBot()
    {
        _settings = new Dictionary<string, string?>();
        BaseUrl = $"http://127.0.0.1:{TestData.FreePort()}";
    }

    /// <summary>With settings of its own on top of the test defaults (Redis, say). A factory, since xunit wants one public constructor for a fixture.</summary>
    public static LiveAdvisorBot With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    private LiveAdvisorBot(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        BaseUrl = $"http://127.0.0.1:{TestData.FreePort()}";
    }

    public string BaseUrl { get; }

    public string StatePath => Path.Combine(_folder, "state.db");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => await StartAsync();

    private async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = BaseUrl,
            ["State:SqlitePath"] = StatePath,
            ["DirectLine:Secrets:0"] = Secret,
            ["DirectLine:KeepAliveInterval"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(_settings);
        _app = Program.Build(builder);
        Assert.Empty(Startup.Check(_app.Services));
        await _app.StartAsync();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
