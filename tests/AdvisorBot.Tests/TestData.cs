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

    private static readonly Lazy<IntentClassifier> SharedClassifier = new(() => IntentClassifier.Train(Training));

    public static IReadOnlyList<Utterance> Training => TrainingSet.Value;

    /// <summary>One classifier for all tests: training is deterministic, so sharing changes no result.</summary>
    public static IntentClassifier Classifier => SharedClassifier.Value;

    public static IReadOnlyList<Utterance> DevSet(string language) =>
        LuFile.Parse($"devset.{language}.lu", language, File.ReadAllText(Path.Combine(DataFolder, $"devset.{language}.lu")));

    public static IReadOnlyList<string> OutOfScope(string language) =>
        [.. File.ReadAllLines(Path.Combine(DataFolder, $"outofscope.{language}.txt")).Where(l => l.Trim().Length > 0)];
}
