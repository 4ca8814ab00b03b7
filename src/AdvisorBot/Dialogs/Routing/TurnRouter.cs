using System.Text.Json.Nodes;

namespace AdvisorBot.Dialogs.Routing;

/// <summary>
/// The typed router of a turn: recognisers read the message or the button into a <see cref="TurnIntent"/>, which
/// goes to the one handler registered for its type. Built once at start-up, it refuses two handlers for one intent
/// type and an intent type a recogniser can produce but nobody handles.
/// </summary>
public sealed class TurnRouter
{
    private readonly IReadOnlyList<ITurnRecognizer> _recognizers;
    private readonly Dictionary<Type, ITurnHandler> _handlers = [];

    public TurnRouter(IEnumerable<ITurnRecognizer> recognizers, IEnumerable<ITurnHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(recognizers);
        ArgumentNullException.ThrowIfNull(handlers);
        _recognizers = [.. recognizers.OrderBy(r => r.Order)];
        var problems = new List<string>();
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Handles, handler))
            {
                problems.Add($"{handler.Handles.Name} has two handlers: {_handlers[handler.Handles].GetType().Name} and {handler.GetType().Name}");
            }
        }

        foreach (var type in _recognizers.SelectMany(r => r.Produces).Append(typeof(WelcomeRequest)).Distinct())
        {
            if (!_handlers.ContainsKey(type))
            {
                problems.Add($"{type.Name} has no handler");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The turn router is incomplete: " + string.Join("; ", problems));
        }
    }

    /// <summary>The intent of a message: the first recogniser that reads it (the classifier's always does).</summary>
    public TurnIntent FromText(TurnInput input)
    {
        foreach (var recognizer in _recognizers)
        {
            if (recognizer.FromText(input) is { } intent)
            {
                return intent;
            }
        }

        throw new InvalidOperationException("No recogniser took the message; the classifier's must come last and take everything.");
    }

    /// <summary>The intent of one of the bot's own buttons, or null for data that is not one.</summary>
    public TurnIntent? FromAction(JsonNode? data) =>
        data is JsonObject obj ? _recognizers.Select(r => r.FromAction(obj)).FirstOrDefault(i => i is not null) : null;

    public Task<DialogResult> HandleAsync(TurnIntent intent, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return _handlers[intent.GetType()].HandleAsync(intent, input, cancellationToken);
    }
}
