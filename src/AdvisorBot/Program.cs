using AdvisorBot.Hosting;
using AdvisorBot.Knowledge;

if (args.Length > 0 && args[0] == "chat")
{
    return await ChatConsole.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "teams-package")
{
    return await AdvisorBot.Teams.TeamsAppPackage.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
try
{
    await builder.AddAdvisorBotAsync();
}
catch (Exception ex) when (ex is ProfileValidationException or FormatException)
{
    await Console.Error.WriteLineAsync($"AdvisorBot cannot start: {ex.Message}");
    return 1;
}

var app = builder.Build();
app.MapAdvisorBot();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
