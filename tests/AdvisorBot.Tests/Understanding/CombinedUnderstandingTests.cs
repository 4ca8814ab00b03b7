using System.Globalization;
using AdvisorBot.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AdvisorBot.Tests.Understanding;

/// <summary>
/// The held-out sets (tests/AdvisorBot.Tests/Data) through the service's whole understanding, each as the first message
/// of a conversation: what a user gets, not what the classifier alone thinks. Failures print the confusions; the
/// ablation prints the classifier alone beside it (the README's table).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CombinedUnderstandingTests(AdvisorBotApp app, ITestOutputHelper output)
{
    /// <summary>
    /// Required intent accuracy of the whole understanding on the dev sets: the floor under today's figure (93–94%).
    /// The goal is 97%; the README's table says where it stands.
    /// </summary>
    private const double RequiredAccuracy = 0.93;

    /// <summary>Out-of-scope messages (of about 430) that may still get a report figure: the goal is none.</summary>
    private const int AllowedLeaks = 2;

    private UnderstandingProbe Probe => new(app.Services);

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task DevSet_WholeUnderstanding_ReadsTheIntent(string language)
    {
        var wrong = new List<string>();
        var dev = TestData.DevSet(language);
        foreach (var utterance in dev)
        {
            var reading = await Probe.ReadAsync(utterance.Text, Locale(language));
            if (!reading.IsRight(utterance.Intent))
            {
                wrong.Add($"  {utterance.Intent} -> {reading.Label}: {utterance.Text}");
            }
        }

        var accuracy = 1.0 - (double)wrong.Count / dev.Count;
        output.WriteLine(Invariant($"{language}: {dev.Count - wrong.Count}/{dev.Count} ({accuracy:P1})"));
        wrong.Sort(StringComparer.Ordinal);
        wrong.ForEach(output.WriteLine);
        Assert.True(accuracy >= RequiredAccuracy, Invariant($"{language} dev set: {accuracy:P1} read right, {RequiredAccuracy:P0} required; the output lists the confusions"));
    }

    [Fact]
    public async Task OutOfScopeSets_NoAnswerShowsAReportFigure()
    {
        var leaked = new List<string>();
        var all = new[] { "nl", "en" }.SelectMany(l => TestData.OutOfScope(l).Select(t => (Text: t, Language: l))).ToList();
        foreach (var (text, language) in all)
        {
            var reading = await Probe.ReadAsync(text, Locale(language));
            if (reading.Answers.Any(UnderstandingProbe.ShowsAFigure))
            {
                leaked.Add($"  {reading.Label}: {text}");
            }
        }

        output.WriteLine(Invariant($"out of scope: {leaked.Count} of {all.Count} answered with a report figure"));
        leaked.ForEach(output.WriteLine);
        Assert.True(leaked.Count <= AllowedLeaks, $"{leaked.Count} out-of-scope messages got a report figure; the output lists them");
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public void OutOfScopeSets_HoldEnoughOfEachKind(string language)
    {
        Assert.True(TestData.OutOfScope(language).Count >= 200, $"{language}: at least 200 out-of-scope messages");
        Assert.True(TestData.InstructionOverrides(language).Count >= 30, $"{language}: at least 30 instruction overrides");
        Assert.True(TestData.OtherProfessions(language).Count >= 30, $"{language}: at least 30 other professions");
        Assert.True(TestData.Unanswerable(language).Count >= 50, $"{language}: at least 50 unanswerable questions");
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task UnanswerableSet_SaysTheReportDoesNotGiveIt(string language)
    {
        var questions = TestData.Unanswerable(language);
        var missed = new List<string>();
        foreach (var text in questions)
        {
            var reading = await Probe.ReadAsync(text, Locale(language));
            if (!reading.Labels.Any(l => l is "NotInReport" or "NotCovered"))
            {
                missed.Add($"  -> {reading.Label}: {text}");
            }
        }

        var rate = 1.0 - (double)missed.Count / questions.Count;
        output.WriteLine(Invariant($"{language} unanswerable: {questions.Count - missed.Count}/{questions.Count} said so ({rate:P1})"));
        missed.ForEach(output.WriteLine);
        Assert.True(rate >= RequiredUnanswerable, Invariant($"{language}: {rate:P1} of the unanswerable questions said so, {RequiredUnanswerable:P0} required"));
    }

    /// <summary>
    /// Required share of the unanswerable set that gets "the report does not give that" (or "no report on that
    /// function"): the floor under today's 64%. The rest mostly get the nearest topic's card without the caveat.
    /// </summary>
    private const double RequiredUnanswerable = 0.60;

    [Fact]
    public async Task Ablation_TheLayersBeforeTheClassifier_ReadMoreRightThanTheClassifierAlone()
    {
        var classifier = app.Services.GetRequiredService<IIntentClassifier>();
        var rows = new List<(string Set, double Alone, double Combined, double AloneUs, double CombinedUs)>();
        foreach (var language in new[] { "nl", "en" })
        {
            var dev = TestData.DevSet(language);
            var alone = dev.Select(u => (u, r: UnderstandingProbe.ClassifierAlone(classifier, u.Text))).ToList();
            var combined = new List<(bool Right, double Us)>();
            foreach (var (utterance, (label, _)) in alone)
            {
                var reading = await Probe.ReadAsync(utterance.Text, Locale(language));
                combined.Add((reading.IsRight(utterance.Intent), reading.UnderstandingMicroseconds));
                if (label == utterance.Intent && !reading.IsRight(utterance.Intent))
                {
                    output.WriteLine($"  the layers broke: {utterance.Intent} -> {reading.Label}: {utterance.Text}");
                }
            }

            rows.Add(($"dev {language} ({dev.Count})", Share(alone.Select(a => a.r.Label == a.u.Intent)), Share(combined.Select(c => c.Right)),
                Median(alone.Select(a => a.r.Microseconds)), Median(combined.Select(c => c.Us))));
        }

        output.WriteLine("| set | classifier alone | whole understanding | µs per turn, alone | µs per turn, whole |");
        foreach (var row in rows)
        {
            output.WriteLine(Invariant($"| {row.Set}: intent right | {row.Alone:P1} | {row.Combined:P1} | {row.AloneUs:0} | {row.CombinedUs:0} |"));
        }

        // Out of scope: the classifier alone shows figures whenever it is sure of a report topic.
        var outOfScope = new[] { "nl", "en" }.SelectMany(l => TestData.OutOfScope(l).Select(t => (Text: t, Language: l))).ToList();
        var aloneLeaks = outOfScope.Count(m => classifier.Predict(m.Text) is var p && p.Score >= new AdvisorBot.Dialogs.DialogOptions().MinimumConfidence
            && new AdvisorBot.Dialogs.IntentName(p.Intent) is { IsAboutTheReport: true } topic && topic != AdvisorBot.Dialogs.IntentName.None);
        var wholeLeaks = 0;
        foreach (var (text, language) in outOfScope)
        {
            wholeLeaks += (await Probe.ReadAsync(text, Locale(language))).Answers.Any(UnderstandingProbe.ShowsAFigure) ? 1 : 0;
        }

        output.WriteLine(Invariant($"| out of scope ({outOfScope.Count}): answered with a report figure | {aloneLeaks} | {wholeLeaks} | | |"));

        Assert.All(rows, row => Assert.True(row.Combined >= row.Alone, Invariant($"{row.Set}: the whole understanding ({row.Combined:P1}) reads less right than the classifier alone ({row.Alone:P1})")));
    }

    private static double Share(IEnumerable<bool> rights)
    {
        var list = rights.ToList();
        return (double)list.Count(r => r) / list.Count;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Locale(string language) => language == "nl" ? "nl-NL" : "en-US";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
