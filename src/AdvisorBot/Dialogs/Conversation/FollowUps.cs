using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>
/// "Wat moet ik daarmee?", "what can we do about it?" (dialogs/follow-ups.json, <c>whatToDo</c>): the last topic
/// again, its advice included; with nothing to follow, the recruitment strategy. Before the explain phrases, which
/// hold shorter ones ("wat betekent dat").
/// </summary>
public sealed class WhatToDoRecognizer(PhraseMatcher phrases) : TextRecognizer<TopicRequest>
{
    private const int MaxLength = 80;

    public override int Order => 355;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Text.Length <= MaxLength && phrases.Matches(input.Text)
            ? new TopicRequest(new IntentPrediction(IntentName.FollowUp.Value, 1, "Strategy", 1))
            : null;
    }
}

/// <summary>
/// A salary offer the classifier did not take for one ("can we hire someone at €3,500/month, 32 hrs/week?"): an
/// amount with a currency or a period, read by the recognizers, goes to the salary check. Only text with digits and
/// such a word runs the recognizers.
/// </summary>
public sealed class SalaryOfferRecognizer(QuantityRecognizer quantities, IIntentClassifier classifier) : TextRecognizer<TopicRequest>
{
    private static readonly string[] MoneyWords = ["€", "eur", "euro", "bruto", "gross", "per maand", "per month", "a month", "/month", "/maand", "p/m", "per jaar", "per year", "a year", "/year", "/jaar", "salaris", "salary", "bieden", "offer", "k ", "k?", "k,", "p.a", "p/m", "wants", "wil ", "betalen", "pay"];

    /// <summary>Topics that read amounts themselves: the check itself, a follow-up of it, a hiring goal.</summary>
    private static readonly HashSet<string> Keep = ["Salary", "TargetGroupFollowUp", "HiringFeasibility"];

    public override int Order => 380;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = input.Text;
        if (text.Length > 300 || !text.Any(char.IsDigit) || !MoneyWords.Any(w => (text + " ").Contains(w, StringComparison.OrdinalIgnoreCase)))
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
}
