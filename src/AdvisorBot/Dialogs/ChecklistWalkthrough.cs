using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AdvisorBot.Knowledge;
using AdvisorBot.State;
using AdvisorBot.Understanding;

namespace AdvisorBot.Dialogs;

/// <summary>What the user recorded for one step.</summary>
public sealed record ChecklistStepRecord(string Status, string? Note = null, string? Choice = null);

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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChecklistProgress))]
[JsonSerializable(typeof(RecruitmentPlan))]
internal sealed partial class ChecklistJsonContext : JsonSerializerContext;

public enum ChecklistCommand
{
    Start,
    Continue,
    Restart,
}

/// <summary>
/// Progress and plans in the state store. Every change is a read-modify-write with the item's ETag, retried on a
/// conflict, so two clicks of the same user at once (two devices, two chats) both land: neither tick nor note is lost.
/// </summary>
public sealed class ChecklistStore(IStateStore store)
{
    public static readonly TimeSpan ProgressTimeToLive = TimeSpan.FromDays(180);
    public static readonly TimeSpan PlanTimeToLive = TimeSpan.FromDays(30);

    public static string Key(string userKey, string profileId) => $"checklist/{userKey}/{profileId}";

    public async Task<ChecklistProgress?> LoadAsync(string userKey, string profileId, CancellationToken cancellationToken)
    {
        var item = await store.ReadAsync(Key(userKey, profileId), cancellationToken).ConfigureAwait(false);
        return item is null ? null : JsonSerializer.Deserialize(item.Value.Span, ChecklistJsonContext.Default.ChecklistProgress);
    }

    public async Task<ChecklistProgress> UpdateAsync(string userKey, string profileId, Func<ChecklistProgress?, ChecklistProgress> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var key = Key(userKey, profileId);
        for (var attempt = 1; ; attempt++)
        {
            var item = await store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
            var current = item is null ? null : JsonSerializer.Deserialize(item.Value.Span, ChecklistJsonContext.Default.ChecklistProgress);
            var next = change(current);
            try
            {
                await store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(next, ChecklistJsonContext.Default.ChecklistProgress),
                    item?.ETag, ProgressTimeToLive, cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (StateConflictException) when (attempt < 10)
            {
                // Someone else changed it between our read and write: apply our change to theirs.
            }
        }
    }

    public async Task SavePlanAsync(RecruitmentPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await store.WriteAsync($"plan/{plan.Id}", JsonSerializer.SerializeToUtf8Bytes(plan, ChecklistJsonContext.Default.RecruitmentPlan),
            IStateStore.AnyETag, PlanTimeToLive, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecruitmentPlan?> LoadPlanAsync(string id, CancellationToken cancellationToken)
    {
        if (!PlanIdPattern().IsMatch(id))
        {
            return null;
        }

        var item = await store.ReadAsync($"plan/{id}", cancellationToken).ConfigureAwait(false);
        return item is null ? null : JsonSerializer.Deserialize(item.Value.Span, ChecklistJsonContext.Default.RecruitmentPlan);
    }

    public static string NewPlanId() => UnguessableId.New();

    private static Regex PlanIdPattern() => new("^[A-Za-z0-9]{22}$", RegexOptions.CultureInvariant);
}

/// <summary>
/// The guided checklist walkthrough: the report's checklist one step at a time (what it means, the figures that
/// matter for it, a note or a choice, Back / Skip / Not yet / Done), then a recruitment plan with an export.
/// Started, continued and restarted by phrases in <c>dialogs/checklist.json</c> or by the cards' buttons; any other
/// question in between gets its normal answer and the walkthrough waits at its step.
/// </summary>
public sealed partial class ChecklistWalkthrough
{
    public const string Marker = Cards.UniversalActions.Marker;
    public const string Verb = "checklist";
    public const string StepKind = "ChecklistStep";
    public const string PlanKind = "ChecklistPlan";
    private const int MaxNoteLength = 1000;

    private readonly ChecklistStore _store;
    private readonly TimeProvider _time;
    private readonly string _publicBaseUrl;
    private readonly Dictionary<ChecklistCommand, Regex> _phrases;
    private readonly Regex _gate;

    public ChecklistWalkthrough(ChecklistStore store, TimeProvider time, string phrasesPath, string publicBaseUrl)
    {
        _store = store;
        _time = time;
        _publicBaseUrl = publicBaseUrl.TrimEnd('/');
        using var document = JsonDocument.Parse(File.ReadAllBytes(phrasesPath));
        _phrases = [];
        _gate = VacancyTextAnalyzer.Gate(Enum.GetValues<ChecklistCommand>().SelectMany(command => document.RootElement
            .GetProperty(command.ToString().ToLowerInvariant()).EnumerateObject().SelectMany(language => language.Value.EnumerateArray().Select(w => w.GetString()!))));
        foreach (var command in Enum.GetValues<ChecklistCommand>())
        {
            var words = document.RootElement.GetProperty(command.ToString().ToLowerInvariant()).EnumerateObject()
                .SelectMany(language => language.Value.EnumerateArray().Select(w => TextNormalizer.Normalize(w.GetString()!)))
                .Where(w => w.Length > 0).Distinct().OrderByDescending(w => w.Length).Select(Regex.Escape);
            _phrases[command] = new Regex($"(?<![a-z0-9])(?:{string.Join("|", words)})", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>"Checklist opnieuw" before "verder met de checklist" before "loop de checklist met me door".</summary>
    public ChecklistCommand? ReadCommand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A message without any phrase's key word is turned away before normalising (most messages).
        if (text.Length > 200 || !_gate.IsMatch(text))
        {
            return null;
        }

        var normalized = TextNormalizer.Normalize(text);
        foreach (var command in new[] { ChecklistCommand.Restart, ChecklistCommand.Continue, ChecklistCommand.Start })
        {
            if (_phrases[command].IsMatch(normalized))
            {
                return command;
            }
        }

        return null;
    }

    /// <summary>
    /// A button of a step card: its action, step, and the card's inputs (merged into the data by the client). An input
    /// that was not sent is null (keep what was recorded); one sent empty is "" (the user cleared it).
    /// </summary>
    public sealed record StepAction(string Action, int Step, string? Note, string? Choice);

    public static StepAction? ReadAction(JsonNode? data)
    {
        if (data is not JsonObject obj || Text(obj[Marker]) != Verb || Text(obj["action"]) is not { } action)
        {
            return null;
        }

        var step = int.TryParse(Text(obj["step"]), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var note = Text(obj["note"])?.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            note = note[..MaxNoteLength];
        }

        return new StepAction(action, step, note, Text(obj["choice"])?.Trim());
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s
        : node is JsonValue number && number.TryGetValue<int>(out var i) ? i.ToString(CultureInfo.InvariantCulture) : null;

    public async Task<AnswerView> CommandAsync(ChecklistCommand command, string userKey, TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var profileId = turn.Profile.Id;
        var progress = await _store.UpdateAsync(userKey, profileId, current => command == ChecklistCommand.Restart || current is null || current.Completed && command == ChecklistCommand.Start
            ? new ChecklistProgress { ProfileId = profileId }
            : current, cancellationToken).ConfigureAwait(false);
        if (progress.Completed && progress.PlanId is { } planId && await _store.LoadPlanAsync(planId, cancellationToken).ConfigureAwait(false) is { } plan)
        {
            return PlanView(turn, progress, plan);
        }

        var resumed = command == ChecklistCommand.Continue || (command == ChecklistCommand.Start && progress.Steps.Count > 0);
        return StepView(turn, progress, Math.Clamp(progress.Step, 1, turn.Profile.Checklist.Items.Count), resumed);
    }

    public async Task<AnswerView> ActAsync(StepAction action, string userKey, TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(turn);
        var items = turn.Profile.Checklist.Items;
        var total = items.Count;
        if (action.Action is "start" or "continue" or "restart")
        {
            return await CommandAsync(action.Action switch { "restart" => ChecklistCommand.Restart, "continue" => ChecklistCommand.Continue, _ => ChecklistCommand.Start },
                userKey, turn, cancellationToken).ConfigureAwait(false);
        }

        var step = Math.Clamp(action.Step, 1, total);
        var progress = await _store.UpdateAsync(userKey, turn.Profile.Id, current =>
        {
            var progress = current ?? new ChecklistProgress { ProfileId = turn.Profile.Id };
            var steps = new Dictionary<int, ChecklistStepRecord>(progress.Steps);
            var before = steps.GetValueOrDefault(step) ?? new ChecklistStepRecord("open");
            var status = action.Action switch { "done" => "done", "notYet" => "notYet", "skip" => "skipped", _ => before.Status };
            static string? Merge(string? sent, string? recorded) => sent is null ? recorded : sent.Length == 0 ? null : sent;
            steps[step] = new ChecklistStepRecord(status, Merge(action.Note, before.Note), Merge(action.Choice, before.Choice));
            var next = action.Action == "back" ? Math.Max(1, step - 1) : step + 1;
            return progress with
            {
                Steps = steps,
                Step = Math.Min(next, total),
                Completed = progress.Completed || (next > total && action.Action != "back"),
            };
        }, cancellationToken).ConfigureAwait(false);

        if (progress.Completed && action.Action != "back" && step == total)
        {
            var plan = BuildPlan(turn, progress, progress.PlanId ?? ChecklistStore.NewPlanId());
            await _store.SavePlanAsync(plan, cancellationToken).ConfigureAwait(false);
            progress = await _store.UpdateAsync(userKey, turn.Profile.Id, current => (current ?? progress) with { PlanId = plan.Id }, cancellationToken).ConfigureAwait(false);
            return PlanView(turn, progress, plan);
        }

        return StepView(turn, progress, progress.Step, resumed: false);
    }

    /// <summary>One step as a card: meaning, figures, input, buttons, progress.</summary>
    public AnswerView StepView(TurnContext turn, ChecklistProgress progress, int step, bool resumed)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(progress);
        var p = turn.Profile;
        var texts = turn.Texts;
        var item = p.Checklist.Items[step - 1];
        var record = progress.Steps.GetValueOrDefault(step);
        var answer = turn.Answer(StepKind).Kind(StepKind)
            .With("step", texts.Number(step)).With("total", texts.Number(p.Checklist.Items.Count))
            .With("label", item.Label[turn.Language])
            .With("function", p.DisplayName(turn.Language));
        answer.Lead("explain_" + item.Key);
        if (resumed)
        {
            answer.Note(answer.Line("resumed"));
        }

        string Percent(decimal? value) => value is { } v ? texts.Percent(v) : "-";
        string Top(ItemList list, int count = 3) => answer.Top(list, count);
        var inputs = new List<InputView>();
        switch (item.Key)
        {
            case "information-collected":
                answer.Fact("factCandidates", p.Supply.PotentialCandidates).Fact("factVacancies", p.Demand.Vacancies).Fact("factSalary", p.Demand.OfferedSalary);
                break;
            case "vacancy-texts":
                answer.Fact("factPullFactors", Top(p.Attractiveness.PullFactors), p.Attractiveness.PullFactors.Source)
                    .Fact("factConditions", Top(p.Attractiveness.EmploymentConditions), p.Attractiveness.EmploymentConditions.Source)
                    .List("listWantToKnow", p.Approach.WantToKnow, numbered: true);
                break;
            case "scarcity-feasibility":
                answer.Fact("factIndication", p.Scarcity.Indication).Fact("factFeasibility", p.Scarcity.Feasibility)
                    .Fact("factPressure", p.Scarcity.VacancyPressure)
                    .Fact("factActive", Percent(p.Supply.SearchActivity["active"].Value), p.Supply.SearchActivity.Source)
                    .Fact("factLatent", Percent(p.Supply.SearchActivity["latent"].Value), p.Supply.SearchActivity.Source);
                inputs.Add(new InputView("choice", answer.Line("choiceFocus"), record?.Choice ?? "",
                    [new ChoiceView("active", answer.Line("focus_active")), new ChoiceView("latent", answer.Line("focus_latent"))]));
                break;
            case "marketing-mix":
                answer.Fact("factChannels", Top(p.Channels.SearchChannels), p.Channels.SearchChannels.Source)
                    .Fact("factJobSites", Top(p.Channels.JobSites), p.Channels.JobSites.Source)
                    .Fact("factSocial", Top(p.Channels.SocialMedia), p.Channels.SocialMedia.Source);
                inputs.Add(new InputView("choice", answer.Line("choiceChannels"), record?.Choice ?? "",
                    [.. p.Channels.SearchChannels.Items.Take(6).Select(i => new ChoiceView(i.Key ?? i.Label[turn.Language], i.Label[turn.Language]))], Multiple: true));
                break;
            case "referral-programme":
                var network = p.Channels.SearchChannels.Items.FirstOrDefault(i => i.Key == "network");
                answer.Fact("factNetwork", Percent(network?.Value), p.Channels.SearchChannels.Source);
                break;
            case "campaign":
                answer.Fact("factActive", Percent(p.Supply.SearchActivity["active"].Value), p.Supply.SearchActivity.Source)
                    .Fact("factLatent", Percent(p.Supply.SearchActivity["latent"].Value), p.Supply.SearchActivity.Source)
                    .List("listCampaign", [p.Advice.ReachAndEngage[turn.Language], p.Advice.ApproachAndContent[turn.Language]]);
                break;
        }

        inputs.Add(new InputView("note", answer.Line(item.Open ? "noteOwn" : "note"), record?.Note ?? "", []));
        Dictionary<string, string> Data(string action) => new()
        {
            [Marker] = Verb, ["action"] = action, ["step"] = step.ToString(CultureInfo.InvariantCulture), ["profile"] = p.Id,
        };
        var actions = new List<ActionView>();
        if (step > 1)
        {
            actions.Add(new ActionView(answer.Line("back"), Data("back")));
        }

        actions.Add(new ActionView(answer.Line("skip"), Data("skip")));
        actions.Add(new ActionView(answer.Line("notYet"), Data("notYet")));
        actions.Add(new ActionView(answer.Line(step == p.Checklist.Items.Count ? "finish" : "done"), Data("done"), Primary: true));

        var view = answer.FromReport().Build();
        return view with
        {
            Title = answer.Line("stepTitle"),
            Progress = answer.Line("progress") + (record is { Status: not "open" } ? " · " + answer.Line("status_" + record.Status) : ""),
            Inputs = inputs,
            Actions = actions,
            Suggestions = [],
        };
    }

    public RecruitmentPlan BuildPlan(TurnContext turn, ChecklistProgress progress, string id)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(progress);
        var p = turn.Profile;
        var lines = turn.Texts.For(PlanKind);
        string Line(string key, params (string Name, string Value)[] values) =>
            ResponseTexts.Fill(lines.Line(key), values.ToDictionary(v => v.Name, v => v.Value));
        var items = p.Checklist.Items;
        var focus = progress.Steps.Values.Select(s => s.Choice).FirstOrDefault(c => c is "active" or "latent");
        var channelStep = items.FirstOrDefault(i => i.Key == "marketing-mix")?.Step;
        var chosen = channelStep is { } cs && progress.Steps.GetValueOrDefault(cs)?.Choice is { Length: > 0 } c
            ? c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(k => p.Channels.SearchChannels.Items.FirstOrDefault(i => i.Key == k)?.Label[turn.Language] ?? k).ToList()
            : [];
        var sections = new List<PlanSection>
        {
            new(Line("focusHeading"), [focus is null ? Line("focusNone") : Line("focus_" + focus), FocusAdvice(p.Advice.ReachAndEngage[turn.Language], focus)]),
            new(Line("channelsHeading"), chosen.Count > 0 ? chosen
                : [Line("channelsNone", ("top", string.Join(", ", p.Channels.SearchChannels.Items.Take(3).Select(i => $"{i.Label[turn.Language]} ({turn.Texts.Percent(i.Value ?? 0)})"))))]),
            new(Line("messageHeading"), [.. p.Attractiveness.PullFactors.Items.Take(3).Select(i => $"{i.Label[turn.Language]} ({turn.Texts.Percent(i.Value ?? 0)})")]),
            new(Line("wantToKnowHeading"), [.. p.Approach.WantToKnow.Items.Select(i => i.Label[turn.Language])]),
            new(Line("expectationHeading"), [
                Line("expectation", ("indication", p.Scarcity.Indication.Label[turn.Language].ToLowerInvariant()),
                    ("feasibility", p.Scarcity.Feasibility.Label[turn.Language].ToLowerInvariant()),
                    ("pressure", turn.Texts.Format(p.Scarcity.VacancyPressure)),
                    ("active", turn.Texts.Percent(p.Supply.SearchActivity["active"].Value))),
                p.Scarcity.Advice[turn.Language]]),
            new(Line("notesHeading"), [.. items.Select(i =>
            {
                var record = progress.Steps.GetValueOrDefault(i.Step);
                var status = Line("status_" + (record?.Status ?? "open"));
                return record?.Note is { } note ? $"{i.Step}. {i.Label[turn.Language]} — {status}: {note}" : $"{i.Step}. {i.Label[turn.Language]} — {status}";
            })]),
        };
        return new RecruitmentPlan(id, turn.Language, Line("title", ("function", p.DisplayName(turn.Language))),
            Line("intro", ("function", p.DisplayName(turn.Language))), sections,
            turn.Answer(PlanKind).FromReport().Build().Source ?? "",
            _time.GetUtcNow());
    }

    /// <summary>The report's reach-and-engage advice: its sentence for the chosen focus, or all of it.</summary>
    private static string FocusAdvice(string advice, string? focus)
    {
        var sentences = advice.Split(". ", StringSplitOptions.RemoveEmptyEntries);
        return focus switch
        {
            "active" when sentences.Length > 1 => sentences[0].TrimEnd('.') + ".",
            "latent" when sentences.Length > 1 => sentences[1].TrimEnd('.') + ".",
            _ => advice,
        };
    }

    public AnswerView PlanView(TurnContext turn, ChecklistProgress progress, RecruitmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(plan);
        var answer = turn.Answer(PlanKind).Kind(PlanKind).With("function", turn.Profile.DisplayName(turn.Language));
        answer.Lead("intro");

        var view = answer.Advice(turn.Profile.Advice.ManagingExpectations).FromReport().Build();
        var restart = new Dictionary<string, string> { [Marker] = Verb, ["action"] = "restart", ["step"] = "1", ["profile"] = turn.Profile.Id };
        return view with
        {
            Title = plan.Title,
            Lists = [.. plan.Sections.Select(s => new ListView(s.Heading, s.Items, Numbered: false))],
            Actions =
            [
                new ActionView(answer.Line("openPlan"), Url: $"{_publicBaseUrl}/plans/{plan.Id}", Primary: true),
                new ActionView(answer.Line("downloadMarkdown"), Url: $"{_publicBaseUrl}/plans/{plan.Id}.md"),
                new ActionView(answer.Line("restart"), restart),
            ],
            Suggestions = [],
            Progress = answer.Line("progressDone"),
        };
    }
}
