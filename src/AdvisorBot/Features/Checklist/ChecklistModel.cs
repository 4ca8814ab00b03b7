using System.Text.Json;
using System.Text.Json.Serialization;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.State;

namespace AdvisorBot.Features.Checklist;

/// <summary>Where a user stands on one step.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepStatus>))]
public enum StepStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("notYet")] NotYet,
    [JsonStringEnumMemberName("skipped")] Skipped,
}

/// <summary>What a step card's button asks (its data's <c>action</c>).</summary>
public enum StepCommand
{
    Start,
    Continue,
    Restart,
    Back,
    Skip,
    NotYet,
    Done,
}

/// <summary>A phrase that starts, continues or restarts the walkthrough.</summary>
public enum ChecklistCommand
{
    Start,
    Continue,
    Restart,
}

/// <summary>What the user recorded for one step.</summary>
public sealed record ChecklistStepRecord(StepStatus Status, string? Note = null, string? Choice = null);

/// <summary>A user's walk through one profile's checklist: stored per user and target group, so it outlives conversations and restarts.</summary>
public sealed record ChecklistProgress
{
    public required string ProfileId { get; init; }
    public int Step { get; init; } = 1;
    public Dictionary<int, ChecklistStepRecord> Steps { get; init; } = [];
    public bool Completed { get; init; }
    public string? PlanId { get; init; }
}

/// <summary>A finished plan, as the export pages show it.</summary>
public sealed record RecruitmentPlan(string Id, string Language, string Title, string Intro, IReadOnlyList<PlanSection> Sections, string Source, DateTimeOffset Created);

public sealed record PlanSection(string Heading, IReadOnlyList<string> Items);

/// <summary>
/// A button of a step card: its command, step, and the card's inputs (merged into the data by the client). An input
/// that was not sent is null (keep what was recorded); one sent empty is "" (the user cleared it).
/// </summary>
public sealed record StepAction(StepCommand Command, int Step, string? Note, string? Choice);

/// <summary>The walkthrough asked for: by a phrase (<see cref="Command"/>) or by a step card's button (<see cref="Action"/>).</summary>
public sealed record ChecklistRequest(ChecklistCommand? Command, StepAction? Action) : TurnIntent;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChecklistProgress))]
[JsonSerializable(typeof(RecruitmentPlan))]
internal sealed partial class ChecklistJsonContext : JsonSerializerContext;

/// <summary>Where progress and plans are kept, and the names the cards and texts use.</summary>
public static class ChecklistSlots
{
    public static readonly TimeSpan ProgressTimeToLive = TimeSpan.FromDays(180);
    public static readonly TimeSpan PlanTimeToLive = TimeSpan.FromDays(30);

    /// <summary>Step cards and the plan card share one template.</summary>
    public static readonly CardKind Card = new("Walkthrough");

    /// <summary>The response texts of the step cards and of the plan.</summary>
    public const string StepTexts = "ChecklistStep";
    public const string PlanTexts = "ChecklistPlan";

    public static StateSlot<ChecklistProgress> Progress(string userKey, string profileId) =>
        new($"checklist/{userKey}/{profileId}", ChecklistJsonContext.Default.ChecklistProgress, ProgressTimeToLive);

    public static StateSlot<RecruitmentPlan> Plan(string planId) =>
        new($"plan/{planId}", ChecklistJsonContext.Default.RecruitmentPlan, PlanTimeToLive);

    /// <summary>Plan ids are 22 letters and digits (<see cref="UnguessableId"/>); anything else is no plan.</summary>
    public static bool IsPlanId(string id) =>
        id.Length == 22 && id.All(char.IsAsciiLetterOrDigit);
}
