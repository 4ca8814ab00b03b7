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

    public static IReadOnlyList<string> OutOfScope(string language) =>
        [.. File.ReadAllLines(Path.Combine(DataFolder, $"outofscope.{language}.txt")).Where(l => l.Trim().Length > 0)];
}
