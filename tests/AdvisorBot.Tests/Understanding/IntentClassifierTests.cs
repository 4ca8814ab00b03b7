using System.Globalization;
using AdvisorBot.Dialogs;
using AdvisorBot.Understanding;
using Xunit.Abstractions;

namespace AdvisorBot.Tests.Understanding;

/// <summary>
/// Understanding measured on utterances the classifier never saw (tests/AdvisorBot.Tests/Data), per language.
/// Failures print the confusions, so a drop in accuracy says which intents to add phrasings for.
/// </summary>
public sealed class IntentClassifierTests(ITestOutputHelper output)
{
    private static readonly float Threshold = new DialogOptions().MinimumConfidence;

    /// <summary>
    /// The classifier alone on the dev sets (about 1,250 questions per language that outsiders wrote): the floor
    /// under today's figure. The service's whole understanding is held to more (CombinedUnderstandingTests).
    /// </summary>
    private const double ClassifierFloor = 0.92;

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public void Predict_HeldOutDevSet_AtLeastTheFloorCorrect(string language)
    {
        var dev = TestData.DevSet(language);
        var wrong = dev.Select(u => (Utterance: u, Prediction: TestData.Classifier.Predict(u.Text)))
            .Where(r => r.Prediction.Intent != r.Utterance.Intent)
            .ToList();
        var accuracy = 1.0 - (double)wrong.Count / dev.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{language}: {dev.Count - wrong.Count}/{dev.Count} correct ({accuracy:P1})"));
        foreach (var (utterance, prediction) in wrong)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {utterance.Intent} -> {prediction.Intent} ({prediction.Score:0.00}): {utterance.Text}"));
        }

        Assert.True(accuracy >= ClassifierFloor, string.Create(CultureInfo.InvariantCulture, $"{language} dev-set accuracy {accuracy:P1} is below {ClassifierFloor:P0}; see the output for the confusions."));
    }

    [Fact]
    public void DevSet_EveryIntentAndLanguage_HasAtLeastThirtyUtterances()
    {
        foreach (var language in new[] { "nl", "en" })
        {
            var counts = TestData.DevSet(language).GroupBy(u => u.Intent).ToDictionary(g => g.Key, g => g.Count());
            foreach (var intent in TestData.Classifier.Intents)
            {
                Assert.True(counts.GetValueOrDefault(intent) >= 30, $"devset.{language}.lu has {counts.GetValueOrDefault(intent)} utterances for {intent}; 30 needed");
            }
        }
    }

    [Fact]
    public void DevAndOutOfScopeSets_Normalized_ShareNoUtteranceWithTheTrainingData()
    {
        var training = TestData.Training.Select(u => TextNormalizer.Normalize(u.Text)).ToHashSet(StringComparer.Ordinal);
        var overlap = new[] { "nl", "en" }.SelectMany(TestData.DevSet)
            .Select(u => u.Text)
            .Concat(new[] { "nl", "en" }.SelectMany(TestData.OutOfScope))
            .Where(t => training.Contains(TextNormalizer.Normalize(t)))
            .ToList();
        Assert.Empty(overlap);
    }

    [Fact]
    public void TrainingData_EveryIntentAndLanguage_HasAtLeastThirtyUtterances()
    {
        var counts = TestData.Training.GroupBy(u => (u.Language, u.Intent)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var intent in TestData.Classifier.Intents)
        {
            foreach (var language in new[] { "nl", "en" })
            {
                Assert.True(counts.GetValueOrDefault((language, intent)) >= 30, $"{intent} has {counts.GetValueOrDefault((language, intent))} {language} utterances; 30 needed");
            }
        }
    }

    [Fact]
    public void Predict_OutOfScopeQuestions_GoToNoneOrClarifyAtLeastTheFloor()
    {
        // Other professions are questions about a topic to the classifier; the function reader takes them (CombinedUnderstandingTests).
        var all = new[] { "nl", "en" }.SelectMany(l => TestData.OutOfScopeGeneral(l).Concat(TestData.InstructionOverrides(l))).ToList();
        Assert.True(all.Count >= 300);
        var leaked = all.Select(t => (Text: t, Prediction: TestData.Classifier.Predict(t)))
            .Where(r => r.Prediction.Intent != "None" && r.Prediction.Score >= Threshold)
            .ToList();
        foreach (var (text, prediction) in leaked)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  leaked to {prediction.Intent} ({prediction.Score:0.00}): {text}"));
        }

        var rate = 1.0 - (double)leaked.Count / all.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"out of scope handled: {rate:P1} of {all.Count}"));
        Assert.True(rate >= 0.85, string.Create(CultureInfo.InvariantCulture, $"only {rate:P1} of out-of-scope questions went to None or clarify"));
    }

    [Fact]
    public void Train_WithACacheFolder_SavesTheModel_AndTheNextStartLoadsOneThatPredictsTheSame()
    {
        var folder = Path.Combine(Path.GetTempPath(), "advisorbot-models-" + Guid.NewGuid().ToString("N"));
        try
        {
            var trained = IntentClassifier.Train(TestData.Training, cacheFolder: folder);
            var saved = Assert.Single(Directory.GetFiles(folder, "intents-*.zip"));
            var written = File.GetLastWriteTimeUtc(saved);
            var loaded = IntentClassifier.Train(TestData.Training, cacheFolder: folder);
            Assert.Equal(written, File.GetLastWriteTimeUtc(Assert.Single(Directory.GetFiles(folder, "intents-*.zip")))); // loaded, not trained again
            foreach (var utterance in TestData.DevSet("en").Take(60))
            {
                var a = trained.Predict(utterance.Text);
                var b = loaded.Predict(utterance.Text);
                Assert.Equal(a.Intent, b.Intent);
                Assert.Equal(a.Score, b.Score, 5);
            }

            // Other data is another model: no stale file is ever loaded for it.
            IntentClassifier.Train(TestData.Training.Skip(1), cacheFolder: folder);
            Assert.Equal(2, Directory.GetFiles(folder, "intents-*.zip").Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Train_SameData_GivesTheSamePredictions()
    {
        var again = IntentClassifier.Train(TestData.Training);
        foreach (var utterance in TestData.DevSet("nl").Take(40))
        {
            var a = TestData.Classifier.Predict(utterance.Text);
            var b = again.Predict(utterance.Text);
            Assert.Equal(a.Intent, b.Intent);
            Assert.Equal(a.Score, b.Score, 4);
        }
    }
}
