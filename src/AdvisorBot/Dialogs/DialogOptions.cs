using System.ComponentModel.DataAnnotations;
using AdvisorBot.Cards;

namespace AdvisorBot.Dialogs;

/// <summary>How the dialog decides (section <c>Dialog</c>).</summary>
public sealed class DialogOptions
{
    public const string Section = "Dialog";

    /// <summary>Below this intent probability the bot asks which topic was meant instead of guessing.</summary>
    [Range(0.0, 1.0)]
    public float MinimumConfidence { get; set; } = 0.30f;

    /// <summary>The language when neither the text nor the locale decides.</summary>
    [Required, RegularExpression("^[a-z]{2}$")]
    public string DefaultLanguage { get; set; } = "nl";

    /// <summary>A runner-up intent this likely may answer a follow-up that has nothing to follow.</summary>
    [Range(0.0, 1.0)]
    public float MinimumSecondaryConfidence { get; set; } = 0.10f;

    /// <summary>Messages shorter than this many words take the conversation's or locale's language, not a guess.</summary>
    [Range(1, 100)]
    public int MinimumWordsToDetectLanguage { get; set; } = 3;

    /// <summary>How much of the last message is kept to repeat an answer in another language.</summary>
    [Range(0, 10_000)]
    public int MaxRememberedTextLength { get; set; } = 500;
}

/// <summary>The answers of one turn and the conversation state after it.</summary>
public sealed record DialogResult(IReadOnlyList<AnswerView> Answers, ConversationState State)
{
    /// <summary>The user asked to be forgotten: the turn erases everything kept of them instead of saving the state.</summary>
    public bool ForgetUser { get; init; }
}
