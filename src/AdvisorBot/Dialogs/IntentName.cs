namespace AdvisorBot.Dialogs;

/// <summary>
/// The name of a topic the classifier knows (the intents of dialogs/*.lu). Each has exactly one
/// <see cref="IIntentHandler"/>, registered with it; the start-up check refuses a name without a handler and a
/// handler without utterances. The names the dialog logic itself refers to are here.
/// </summary>
public readonly record struct IntentName(string Value)
{
    public static readonly IntentName None = new("None");
    public static readonly IntentName Cancel = new("Cancel");
    public static readonly IntentName SwitchLanguage = new("SwitchLanguage");
    public static readonly IntentName FollowUp = new("TargetGroupFollowUp");
    public static readonly IntentName Help = new("Help");
    public static readonly IntentName Greeting = new("Greeting");
    public static readonly IntentName Thanks = new("Thanks");
    public static readonly IntentName Sources = new("Sources");

    /// <summary>Answers that are not classifier topics but have response texts and can be replayed.</summary>
    public static readonly IntentName Welcome = new("Welcome");
    public static readonly IntentName HiringFeasibility = new("HiringFeasibility");
    public static readonly IntentName VacancyCheck = new("VacancyCheck");
    public static readonly IntentName Clarify = new("Clarify");
    public static readonly IntentName Error = new("Error");
    public static readonly IntentName NotCovered = new("NotCovered");
    public static readonly IntentName NotInReport = new("NotInReport");
    public static readonly IntentName Forget = new("Forget");

    /// <summary>Topics that are about the conversation, not about the report: they show no figure and need no target group.</summary>
    public bool IsAboutTheReport => this != Help && this != Greeting && this != Thanks && this != Cancel && this != SwitchLanguage && this != Sources;

    public override string ToString() => Value;
}
