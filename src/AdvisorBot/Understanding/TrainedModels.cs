using System.Collections.Concurrent;

namespace AdvisorBot.Understanding;

/// <summary>The classifier and language detector trained from one dialogs folder.</summary>
public sealed record TrainedModels(IReadOnlyList<Utterance> Utterances, IntentClassifier Classifier, LanguageDetector Languages)
{
    private static readonly ConcurrentDictionary<string, Lazy<TrainedModels>> Trained = new(StringComparer.Ordinal);

    /// <summary>
    /// Trains once per process and per content of the folder's .lu files (training is deterministic, with a fixed
    /// seed): every host in one process (the test suite starts many) shares the same models, and a later start with
    /// the same files loads the model the first one saved (<see cref="CacheFolder"/>).
    /// </summary>
    public static TrainedModels For(string dialogsPath)
    {
        var utterances = LuFile.LoadFolder(dialogsPath);
        var key = string.Join("\n", utterances.Select(u => $"{u.Language}\t{u.Intent}\t{u.Text}"));
        return Trained.GetOrAdd(key, _ => new Lazy<TrainedModels>(() =>
            new TrainedModels(utterances, IntentClassifier.Train(utterances, cacheFolder: CacheFolder), new LanguageDetector(utterances)))).Value;
    }

    /// <summary>Where trained models are kept between starts: beside the application (read-only there: trained at every start).</summary>
    public static string CacheFolder { get; } = Path.Combine(AppContext.BaseDirectory, "models");
}
