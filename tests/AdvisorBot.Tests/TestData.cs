using AdvisorBot.Understanding;

namespace AdvisorBot.Tests;

/// <summary>The shipped dialogs data (copied into the test output by the project reference) and the test data sets.</summary>
internal static class TestData
{
    public static string DialogsFolder => Path.Combine(AppContext.BaseDirectory, "dialogs");

    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>A loopback port free right now, for servers the tests start (the service, the Playground).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly Lazy<IReadOnlyList<Utterance>> TrainingSet = new(() => LuFile.LoadFolder(DialogsFolder));

    /// <summary>The same trained models the test hosts use (one training per process).</summary>
    private static readonly Lazy<IntentClassifier> SharedClassifier = new(() => TrainedModels.For(DialogsFolder).Classifier);

    /// <summary>The repository's root folder (the one with AdvisorBot.sln), for tests that read the sources.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdvisorBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No AdvisorBot.sln above " + AppContext.BaseDirectory);
    }

    public static IReadOnlyList<Utterance> Training => TrainingSet.Value;

    /// <summary>One classifier for all tests: training is deterministic, so sharing changes no result.</summary>
    public static IntentClassifier Classifier => SharedClassifier.Value;

    public static IReadOnlyList<Utterance> DevSet(string language) =>
        LuFile.Parse($"devset.{language}.lu", language, File.ReadAllText(Path.Combine(DataFolder, $"devset.{language}.lu")));

    /// <summary>Every out-of-scope message of a language: general ones, instruction overrides, other professions.</summary>
    public static IReadOnlyList<string> OutOfScope(string language) =>
        [.. OutOfScopeGeneral(language), .. InstructionOverrides(language), .. OtherProfessions(language)];

    /// <summary>HR admin, facilities, civil-service rules, general knowledge, chit-chat and other tasks.</summary>
    public static IReadOnlyList<string> OutOfScopeGeneral(string language) => Lines($"outofscope.{language}.txt");

    /// <summary>Attempts to override the bot's instructions, dump its data or make it invent figures.</summary>
    public static IReadOnlyList<string> InstructionOverrides(string language) => Lines($"instruction-override.{language}.txt");

    /// <summary>Questions about professions the knowledge base has no report for.</summary>
    public static IReadOnlyList<string> OtherProfessions(string language) => Lines($"other-professions.{language}.txt");

    /// <summary>Questions about the target group that the report cannot answer: the bot must say so.</summary>
    public static IReadOnlyList<string> Unanswerable(string language) => Lines($"unanswerable.{language}.txt");

    private static IReadOnlyList<string> Lines(string file) =>
        [.. File.ReadAllLines(Path.Combine(DataFolder, file)).Where(l => l.Trim().Length > 0)];
}
