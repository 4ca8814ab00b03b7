using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs.Conversation;

/// <summary>"Vergeet mij", "delete my data": the user asks to be forgotten.</summary>
public sealed record ForgetRequest : TurnIntent;

/// <summary>Short messages with a phrase of dialogs/privacy.json, before anything else reads them.</summary>
public sealed class ForgetRecognizer(PhraseMatcher phrases) : TextRecognizer<ForgetRequest>
{
    private const int MaxLength = 80;

    public override int Order => 5;

    public override TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Text.Length <= MaxLength && phrases.Matches(input.Text) ? new ForgetRequest() : null;
    }
}

/// <summary>
/// Confirms, and marks the result so the turn erases everything kept of the user (every conversation's state and
/// Direct Line history, checklist progress and notes, plans) instead of saving anything. The conversation starts
/// afresh in its language; not even the request itself is kept.
/// </summary>
public sealed class ForgetHandler(TurnContexts contexts) : TurnHandler<ForgetRequest>
{
    protected override async Task<DialogResult> HandleAsync(ForgetRequest intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fresh = new ConversationState { Language = input.Language };
        var turn = await contexts.CreateAsync(input.Text, input.Language, fresh, TargetGroupMention.None, null, input.Session, cancellationToken).ConfigureAwait(false);
        return new DialogResult([turn.Answer(IntentName.Forget).Lead().Build()], fresh) { ForgetUser = true };
    }
}
