using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace AdvisorBot.Understanding;

/// <summary>The top intent with its probability, and the runner-up (for "did you mean" suggestions).</summary>
public sealed record IntentPrediction(string Intent, float Score, string SecondIntent, float SecondScore);

/// <summary>How the classifier is trained; the defaults are the measured best on the held-out dev sets.</summary>
public sealed record IntentClassifierOptions
{
    public int WordNgramLength { get; init; } = 2;
    public int CharNgramLength { get; init; } = 4;
    public float L2Regularization { get; init; } = 0.01f;
    public float L1Regularization { get; init; }
    public bool CharAllLengths { get; init; }
    public int MaximumCharNgrams { get; init; } = 10_000_000;
    public int Threads { get; init; } = 1;
    public int MaximumIterations { get; init; } = 35;
    public int Seed { get; init; } = 20201;

    /// <summary><c>lbfgs</c> (L-BFGS maximum entropy) or <c>sdca</c> (SDCA maximum entropy).</summary>
    public string Trainer { get; init; } = "lbfgs";
}

public interface IIntentClassifier
{
    IReadOnlyCollection<string> Intents { get; }

    IntentPrediction Predict(string text);
}

/// <summary>
/// A maximum-entropy text classifier (ML.NET L-BFGS) over word 1–2-grams and character 4-grams, trained at
/// start-up from the .lu utterances of every language with a fixed seed, so the same data gives the same model.
/// Prediction engines are not thread-safe; a pool hands one to each concurrent caller.
/// </summary>
public sealed class IntentClassifier : IIntentClassifier
{
    private readonly ObjectPool<PredictionEngine<Input, Output>> _engines;
    private readonly string[] _labels;
    private readonly SpellingCorrector _spelling;

    private IntentClassifier(ObjectPool<PredictionEngine<Input, Output>> engines, string[] labels, SpellingCorrector spelling)
    {
        _engines = engines;
        _labels = labels;
        _spelling = spelling;
    }

    public IReadOnlyCollection<string> Intents => _labels;

    /// <param name="cacheFolder">
    /// Where a trained model is kept, named by a hash of the training rows and options: the next start with the same
    /// data loads it instead of training (the same weights, so the same predictions). Null: always train.
    /// </param>
    public static IntentClassifier Train(IEnumerable<Utterance> utterances, IntentClassifierOptions? options = null, string? cacheFolder = null)
    {
        options ??= new IntentClassifierOptions();
        var ml = new MLContext(options.Seed);
        var rows = utterances.Select(u => new Input { Text = Prepare(u.Text), Label = u.Intent }).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException("No utterances to train the intent classifier on.");
        }

        var data = ml.Data.LoadFromEnumerable(rows);
        var cached = cacheFolder is null ? null : Path.Combine(cacheFolder, $"intents-{CacheKey(rows, options)}.zip");
        ITransformer model;
        if (cached is not null && File.Exists(cached))
        {
            model = ml.Model.Load(cached, out _);
        }
        else
        {
            var featurizer = FeaturizerOptions(options);
            var pipeline = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Input.Label))
                .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(Input.Text)))
                .Append(CreateTrainer(ml, options));
            model = pipeline.Fit(data);
            TrySave(ml, model, data.Schema, cached);
        }

        var labelBuffer = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(data.Schema)["Score"].GetSlotNames(ref labelBuffer);
        var labels = labelBuffer.DenseValues().Select(l => l.ToString()).ToArray();

        var engines = new DefaultObjectPool<PredictionEngine<Input, Output>>(new EnginePolicy(ml, model), Environment.ProcessorCount * 4);
        return new IntentClassifier(engines, labels, new SpellingCorrector(rows.Select(r => r.Text)));
    }

    /// <summary>A hash of everything the model depends on: the rows in order, the options, the ML.NET version.</summary>
    private static string CacheKey(List<Input> rows, IntentClassifierOptions options)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(options.ToString() + typeof(MLContext).Assembly.GetName().Version));
        foreach (var row in rows)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(row.Label + "\t" + row.Text + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Keeps the model for the next start; a folder that cannot be written (a read-only install) only costs that.</summary>
    private static void TrySave(MLContext ml, ITransformer model, DataViewSchema schema, string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            ml.Model.Save(model, schema, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Trained again on the next start.
        }
    }

    /// <summary>Lower case, no diacritics or punctuation, word n-grams and (unless turned off) character n-grams, L2-normed.</summary>
    private static TextFeaturizingEstimator.Options FeaturizerOptions(IntentClassifierOptions options) => new()
    {
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        KeepDiacritics = false,
        KeepPunctuations = false,
        KeepNumbers = true,
        Norm = TextFeaturizingEstimator.NormFunction.L2,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = options.WordNgramLength, UseAllLengths = true },
        CharFeatureExtractor = options.CharNgramLength > 0
            ? new WordBagEstimator.Options { NgramLength = options.CharNgramLength, UseAllLengths = options.CharAllLengths, MaximumNgramsCount = [options.MaximumCharNgrams] }
            : null,
    };

    /// <summary>The trainer <see cref="IntentClassifierOptions.Trainer"/> names: SDCA or L-BFGS maximum entropy.</summary>
    private static IEstimator<ITransformer> CreateTrainer(MLContext ml, IntentClassifierOptions options) =>
        options.Trainer == "sdca"
            ? ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new Microsoft.ML.Trainers.SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                FeatureColumnName = "Features",
                MaximumNumberOfIterations = options.MaximumIterations,
                L2Regularization = options.L2Regularization,
                NumberOfThreads = 1,
            })
            : (IEstimator<ITransformer>)ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new Microsoft.ML.Trainers.LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey",
                FeatureColumnName = "Features",
                L1Regularization = options.L1Regularization,
                L2Regularization = options.L2Regularization,
                MaximumNumberOfIterations = options.MaximumIterations,
                OptimizationTolerance = 1e-6f,
                NumberOfThreads = options.Threads,
            });

    public IntentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Classify(text);
    }

    private IntentPrediction Classify(string text)
    {
        var engine = _engines.Get();
        try
        {
            var output = engine.Predict(new Input { Text = _spelling.Expand(Prepare(text)) });
            int best = 0, second = -1;
            for (var i = 1; i < output.Score.Length; i++)
            {
                if (output.Score[i] > output.Score[best])
                {
                    second = best;
                    best = i;
                }
                else if (second < 0 || output.Score[i] > output.Score[second])
                {
                    second = i;
                }
            }

            second = second < 0 ? best : second;
            return new IntentPrediction(_labels[best], output.Score[best], _labels[second], output.Score[second]);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private static string Prepare(string text) => TextNormalizer.Normalize(text);

    public sealed class Input
    {
        public string Text { get; set; } = "";

        public string Label { get; set; } = "";
    }

    public sealed class Output
    {
        public float[] Score { get; set; } = [];
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<Input, Output>>
    {
        public override PredictionEngine<Input, Output> Create() => ml.Model.CreatePredictionEngine<Input, Output>(model, ignoreMissingColumns: true);

        public override bool Return(PredictionEngine<Input, Output> obj) => true;
    }
}
