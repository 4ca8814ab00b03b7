using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>
/// "Wat moet ik daarmee?", "what can we do about it?" (dialogs/follow-ups.json, <c>whatToDo</c>): the last topic
/// again, its advice included; with nothing to follow, the recruitment strategy. Before the explain phrases, which
/// hold shorter ones ("wat betekent dat").
/// </summary>
public sealed class WhatToDoRecognizer(PhraseMatcher phrases, IIntentClassifier classifier) : TextRecognizer<TopicRequest>
{
    private const int MaxLength = 80;

    /// <summary>In a conversation, words beside the phrase that may still be about the last answer ("als het te ver is").</summary>
    private const int MaxWordsInAConversation = 8;

    /// <summary>A classifier this sure of another topic, or of none, makes the words a question of their own.</summary>
    private const float SureOfAnother = 0.6f;

    public override int Order => 355;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Text.Length > MaxLength || phrases.WordsOutside(input.Text) is not { } outside)
        {
            return null;
        }

        var follows = outside <= MaxWordsBesidePhrase
            || (input.State.LastIntent is not null && outside <= MaxWordsInAConversation
                && input.Classify(classifier) is var p && (p.Score < SureOfAnother || p.Intent == IntentName.FollowUp.Value));
        return follows ? new TopicRequest(new IntentPrediction(IntentName.FollowUp.Value, 1, "Strategy", 1), WhatItMeans: true) : null;
    }

    /// <summary>
    /// Words beside the phrase that still leave it a bare follow-up ("en wat moet ik daar nu mee?"); more make it a
    /// question of its own ("via via werven van developers, hoe pak ik dat aan?", "mijn wachtwoord is verlopen, wat nu").
    /// </summary>
    private const int MaxWordsBesidePhrase = 3;
}

/// <summary>
/// A salary offer the classifier did not take for one ("can we hire someone at €3,500/month, 32 hrs/week?"): an
/// amount with a currency or a period, read by the recognizers, goes to the salary check. Only text with digits and
/// such a word runs the recognizers.
/// </summary>
public sealed class SalaryOfferRecognizer(QuantityRecognizer quantities, IIntentClassifier classifier) : TextRecognizer<TopicRequest>
{
    private static readonly string[] MoneyWords = ["€", "eur", "euro", "bruto", "gross", "per maand", "per month", "a month", "/month", "/maand", "p/m", "per jaar", "per year", "a year", "/year", "/jaar", "salaris", "salary", "bieden", "offer", "p.a", "p/m", "wants", "wil ", "betalen", "pay"];

    /// <summary>"60k", "4,5 k": a number in thousands (not any word ending in k: "ik", "wk").</summary>
    private static readonly System.Text.RegularExpressions.Regex Thousands = new(@"\d\s?k\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));

    /// <summary>Topics that read amounts themselves: the check itself, a follow-up of it, a hiring goal.</summary>
    private static readonly HashSet<string> Keep = ["Salary", "TargetGroupFollowUp", "HiringFeasibility"];

    public override int Order => 380;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        if (IsNewAmountForTheLastOffer(input))
        {
            // "What if 3,500?" after a check: the new amount with the old hours.
            return new TopicRequest(new IntentPrediction(IntentName.FollowUp.Value, 1, "Salary", 1));
        }

        if (text.Length > 300 || !text.Any(char.IsDigit)
            || !(MoneyWords.Any(w => (text + " ").Contains(w, StringComparison.OrdinalIgnoreCase)) || Thousands.IsMatch(text)))
        {
            return null;
        }

        var prediction = input.Classify(classifier);
        if (Keep.Contains(prediction.Intent) || quantities.ReadSalary(text, input.Language) is not { Amount: >= 1000 })
        {
            return null;
        }

        return new TopicRequest(new IntentPrediction("Salary", 1, prediction.Intent, prediction.Score));
    }

    /// <summary>Words around a bare amount that still leave it a follow-up of the last check ("en als het 3.800 wordt?").</summary>
    private const int MaxWordsOfANewAmount = 6;

    private bool IsNewAmountForTheLastOffer(TurnInput input) =>
        input.State is { LastIntent: "Salary", LastText: { } last } && last != input.Text && input.Text.Length <= 80
        && input.Text.Any(char.IsDigit) && input.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxWordsOfANewAmount
        && quantities.ReadSalary(input.Text, input.Language) is { Amount: >= 1000 }
        && quantities.ReadSalary(last, input.Language) is { Amount: >= 1000 };
}

/// <summary>
/// "And in Dutch?", "in het Engels graag" (dialogs/follow-ups.json, <c>switchLanguage</c>): the last answer in the other
/// language. Read before the classifier, which takes "and in X?" for a follow-up about a place; at most two other
/// words beside the phrase.
/// </summary>
public sealed class SwitchLanguageRecognizer(PhraseMatcher phrases) : TextRecognizer<TopicRequest>
{
    private const int MaxLength = 40;
    private const int MaxWordsBesidePhrase = 2;

    public override int Order => 354;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Text.Length <= MaxLength && phrases.WordsOutside(input.Text) <= MaxWordsBesidePhrase
            ? new TopicRequest(new IntentPrediction(IntentName.SwitchLanguage.Value, 1, IntentName.SwitchLanguage.Value, 1))
            : null;
    }
}

/// <summary>
/// "What about their age?", "en hun opleiding?": a follow-up lead (dialogs/follow-ups.json, <c>followUpLeads</c>)
/// before a topic of its own, naming no group. The classifier reads the whole as "the same for another group"; the
/// words after the lead, read alone, name the topic asked. A group, place or function in the text keeps it a
/// follow-up ("en voor junioren?", "and in Utrecht?").
/// </summary>
public sealed class FollowUpTopicRecognizer(IReadOnlyList<string> leads, IIntentClassifier classifier, TargetGroupExtractor extractor,
    ITargetGroupCatalog catalog) : TextRecognizer<TopicRequest>
{
    private const int MaxLength = 80;
    private const float SureOfTheRest = 0.5f;

    private readonly string[] _leads = [.. leads.Select(l => TextNormalizer.Normalize(l) + " ").Distinct(StringComparer.Ordinal).OrderByDescending(l => l.Length)];

    public static FollowUpTopicRecognizer Load(string path, IIntentClassifier classifier, TargetGroupExtractor extractor, ITargetGroupCatalog catalog)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
        var leads = document.RootElement.TryGetProperty("followUpLeads", out var l)
            ? l.EnumerateObject().SelectMany(x => x.Value.EnumerateArray().Select(p => p.GetString()!)).ToList()
            : [];
        return new FollowUpTopicRecognizer(leads, classifier, extractor, catalog);
    }

    public override int Order => 900;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A number is a follow-up of the last check ("en als we 3.600 bieden?"), which keeps what was said before.
        if (input.Text.Length > MaxLength || input.State.LastIntent is null || input.Text.Any(char.IsDigit)
            || input.Classify(classifier).Intent != IntentName.FollowUp.Value)
        {
            return null;
        }

        var normalized = TextNormalizer.Normalize(input.Text);
        if (_leads.FirstOrDefault(l => normalized.StartsWith(l, StringComparison.Ordinal)) is not { } lead)
        {
            return null;
        }

        if (!extractor.Extract(input.Text, catalog.List()).IsEmpty)
        {
            return null;
        }

        var rest = classifier.Predict(normalized[lead.Length..]);
        var topic = new IntentName(rest.Intent);
        return rest.Score >= SureOfTheRest && topic.IsAboutTheReport && topic != IntentName.None && topic != IntentName.FollowUp
            && topic.Value != input.State.LastIntent
            ? new TopicRequest(rest)
            : null;
    }
}
