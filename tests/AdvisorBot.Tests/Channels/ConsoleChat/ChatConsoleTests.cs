using System.Diagnostics;

namespace AdvisorBot.Tests.Channels.ConsoleChat;

/// <summary>The terminal chat driven through its standard input, as a developer types: a question, a suggestion by its number, an exit word.</summary>
public sealed class ChatConsoleTests
{
    private static async Task<(int ExitCode, string Output)> ChatAsync(string input, string locale = "nl-NL")
    {
        var state = Path.Combine(Path.GetTempPath(), "advisorbot-chat-" + Guid.NewGuid().ToString("N"), "state.db");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "AdvisorBot.dll"), "chat", "--locale", locale])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["State__SqlitePath"] = state;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        await process.StandardInput.FlushAsync();
        process.StandardInput.Close(); // end of input, as Ctrl-D
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output);
    }

    [Theory]
    [InlineData("/exit")]
    [InlineData("exit")]
    [InlineData("quit")]
    public async Task Chat_ExitWord_LeavesWithoutAnotherAnswer(string word)
    {
        var (exitCode, output) = await ChatAsync($"hoe schaars zijn ze?\n{word}\nwat verdienen ze?\n");
        Assert.Equal(0, exitCode);
        Assert.Contains("/exit", output, StringComparison.Ordinal); // the banner says how to leave
        Assert.Contains("Zeer schaars", output, StringComparison.Ordinal);
        Assert.DoesNotContain("47.000", output, StringComparison.Ordinal); // the question after the exit word was not asked
    }

    [Fact]
    public async Task Chat_SuggestionNumber_AsksThatSuggestion()
    {
        var (exitCode, output) = await ChatAsync("hoe schaars zijn ze?\n1\n");
        Assert.Equal(0, exitCode); // Ctrl-D (end of input) leaves too
        var afterQuestion = output[output.IndexOf("Zeer schaars", StringComparison.Ordinal)..];
        var first = afterQuestion[(afterQuestion.IndexOf("[1] ", StringComparison.Ordinal) + 4)..].Split("  ")[0].Trim();
        Assert.False(string.IsNullOrWhiteSpace(first));
        Assert.True(afterQuestion.Split('\n').Count(l => l.Contains("[1] ", StringComparison.Ordinal)) >= 2, "a second answer followed the number");
    }
}
