using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Protocol;
using AdvisorBot.Understanding;

namespace AdvisorBot.Features.Checklist;

/// <summary>
/// Reads the walkthrough's phrases ("loop de checklist met me door", "verder met de checklist", "checklist
/// opnieuw", from <c>dialogs/checklist.json</c>) and its step buttons into a <see cref="ChecklistRequest"/>.
/// </summary>
public sealed class ChecklistRecognizer : ITurnRecognizer
{
    private const int MaxNoteLength = 1000;
    private const int MaxPhraseMessageLength = 200;
    private static readonly StepCommand?[] Commands = [.. Enum.GetValues<StepCommand>().Select(c => (StepCommand?)c)];
    private static readonly ChecklistCommand[] Precedence = [ChecklistCommand.Restart, ChecklistCommand.Continue, ChecklistCommand.Start];

    private readonly Dictionary<ChecklistCommand, Regex> _phrases = [];
    private readonly Regex _gate;

    public ChecklistRecognizer(string phrasesPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(phrasesPath));
        var phrases = Enum.GetValues<ChecklistCommand>().ToDictionary(c => c, c => document.RootElement
            .GetProperty(c.ToString().ToLowerInvariant()).EnumerateObject()
            .SelectMany(language => language.Value.EnumerateArray().Select(w => w.GetString()!)).ToList());
        _gate = VacancyTextAnalyzer.Gate(phrases.Values.SelectMany(p => p));
        foreach (var (command, words) in phrases)
        {
            var normalized = words.Select(TextNormalizer.Normalize).Where(w => w.Length > 0).Distinct().OrderByDescending(w => w.Length).Select(Regex.Escape);
            _phrases[command] = new Regex($"(?<![a-z0-9])(?:{string.Join("|", normalized)})", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Before the vacancy check and the classifier.</summary>
    public int Order => 100;

    public IReadOnlyCollection<Type> Produces => [typeof(ChecklistRequest)];

    public TurnIntent? FromText(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ReadCommand(input.Text) is { } command ? new ChecklistRequest(command, null) : null;
    }

    public TurnIntent? FromAction(JsonObject data) => ReadAction(data) is { } action ? new ChecklistRequest(null, action) : null;

    /// <summary>"Checklist opnieuw" before "verder met de checklist" before "loop de checklist met me door".</summary>
    public ChecklistCommand? ReadCommand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A message without any phrase's key word is turned away before normalising (most messages).
        if (text.Length > MaxPhraseMessageLength || !_gate.IsMatch(text))
        {
            return null;
        }

        var normalized = TextNormalizer.Normalize(text);
        return Precedence.Where(c => _phrases[c].IsMatch(normalized)).Select(c => (ChecklistCommand?)c).FirstOrDefault();
    }

    public static StepAction? ReadAction(JsonNode? data)
    {
        if (Text(JsonRead.Member(data, UniversalActions.Marker)) != CardVerbs.Checklist
            || Text(JsonRead.Member(data, "action")) is not { } name || Commands.FirstOrDefault(c => ActionName(c) == name) is not { } command)
        {
            return null;
        }

        var step = int.TryParse(Text(JsonRead.Member(data, "step")), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var note = Text(JsonRead.Member(data, "note"))?.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            note = note[..MaxNoteLength];
        }

        var choice = Text(JsonRead.Member(data, "choice"))?.Trim();
        return new StepAction(command, step, note, choice is { Length: > MaxNoteLength } ? choice[..MaxNoteLength] : choice);
    }

    /// <summary>The data of a step button: the verb, the command, the step and the profile.</summary>
    public static Dictionary<string, string> ButtonData(StepCommand command, int step, string profileId) => new()
    {
        [UniversalActions.Marker] = CardVerbs.Checklist,
        ["action"] = ActionName(command),
        ["step"] = step.ToString(CultureInfo.InvariantCulture),
        ["profile"] = profileId,
    };

    /// <summary>"notYet", "done", …: the command as the card data names it.</summary>
    public static string ActionName(StepCommand? command) => command is { } c ? JsonNamingPolicy.CamelCase.ConvertName(c.ToString()) : "";

    /// <summary>A string, or an integer as its digits (Web Chat sends the step as a number after a round trip).</summary>
    private static string? Text(JsonNode? node) => JsonRead.Text(node)
        ?? (node is JsonValue number && number.GetValueKind() == System.Text.Json.JsonValueKind.Number && number.TryGetValue<int>(out var i)
            ? i.ToString(CultureInfo.InvariantCulture) : null);
}
