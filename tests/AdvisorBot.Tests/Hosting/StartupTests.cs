using System.Diagnostics;

namespace AdvisorBot.Tests.Hosting;

/// <summary>The built service as a process, as an operator starts it: <c>dotnet AdvisorBot.dll</c> from any folder.</summary>
public sealed class StartupTests
{
    private static string ServiceDll => Path.Combine(AppContext.BaseDirectory, "AdvisorBot.dll");

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(IDictionary<string, string> environment, TimeSpan timeout, Func<Process, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo("dotnet", [ServiceDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(process);
            }

            using var cts = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(cts.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Start_InvalidProfile_RefusesWithOneLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), "advisorbot-broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "profiles", "it-ontwikkelaar-senior-nl-2020.json"));
        File.WriteAllText(Path.Combine(folder, "broken.json"), json.Replace("\"value\": 52 }", "\"value\": 62 }", StringComparison.Ordinal));

        var (exitCode, _, stderr) = await RunAsync(new Dictionary<string, string> { ["AdvisorBot__ProfilesPath"] = folder }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("AdvisorBot cannot start: Invalid target-group profile: broken.json: $.supply.searchActivity.items: distribution-sum: values sum to 110, expected 100 ± 1", line.TrimEnd('\r'));
    }

    [Theory]
    [InlineData("not-a-guid", "secret", "MultiTenant", "", "MicrosoftAppId must be the bot's app (client) id, a GUID.")]
    [InlineData("5b8a3b4e-8b6f-4a52-9d7e-2d1f0c9a7e11", "", "MultiTenant", "", "MicrosoftAppId is set but MicrosoftAppPassword is not: the bot could not get a token to reply.")]
    [InlineData("5b8a3b4e-8b6f-4a52-9d7e-2d1f0c9a7e11", "secret", "SingleTenant", "", "MicrosoftAppType is SingleTenant: set MicrosoftAppTenantId to the tenant GUID.")]
    public async Task Start_IncompleteBotFrameworkSettings_RefuseWithOneLine(string appId, string password, string type, string tenant, string message)
    {
        var (exitCode, _, stderr) = await RunAsync(new Dictionary<string, string>
        {
            ["MicrosoftAppId"] = appId, ["MicrosoftAppPassword"] = password, ["MicrosoftAppType"] = type, ["MicrosoftAppTenantId"] = tenant,
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Equal("AdvisorBot cannot start: " + message, Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r'));
    }

    [Fact]
    public async Task Start_FromAnotherFolder_ServesHealthzOnTheConfiguredUrl()
    {
        var port = TestData.FreePort();
        var state = Path.Combine(Path.GetTempPath(), "advisorbot-start-" + Guid.NewGuid().ToString("N"), "state.db");
        string? health = null;
        await RunAsync(
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}", ["State__SqlitePath"] = state },
            TimeSpan.FromSeconds(60),
            async process =>
            {
                using var http = new HttpClient();
                for (var i = 0; i < 120 && !process.HasExited && health is null; i++)
                {
                    try
                    {
                        health = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz"));
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(250);
                    }
                }

                process.Kill(entireProcessTree: true);
            });

        Assert.Equal("Healthy", health);
        Assert.True(File.Exists(state), "the SQLite state file is created on first run");
    }
}
