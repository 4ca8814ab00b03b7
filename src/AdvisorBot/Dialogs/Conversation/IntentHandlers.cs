namespace AdvisorBot.Dialogs.Conversation;

/// <summary>
/// The classifier's topics and their handlers, keyed by <see cref="IntentName"/>. Refuses to start on a duplicate,
/// on a topic without a handler, on a handler without utterances and on a topic without texts in some language.
/// </summary>
public sealed class IntentHandlers
{
    /// <summary>Answers that are not classifier topics but need texts in every language.</summary>
    private static readonly IntentName[] ExtraTexts = [IntentName.Welcome, IntentName.Clarify, IntentName.Error, IntentName.NotCovered, IntentName.Forget];

    private readonly Dictionary<IntentName, IIntentHandler> _handlers = [];

    public IntentHandlers(IEnumerable<IIntentHandler> handlers, Understanding.IIntentClassifier classifier, IReadOnlyDictionary<string, ResponseTexts> texts)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(texts);
        var problems = new List<string>();
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Intent, handler))
            {
                problems.Add($"intent '{handler.Intent}' has two handlers: {_handlers[handler.Intent].GetType().Name} and {handler.GetType().Name}");
            }
        }

        problems.AddRange(classifier.Intents.Where(i => !_handlers.ContainsKey(new IntentName(i))).Select(i => $"intent '{i}' has no {i}Handler"));
        problems.AddRange(_handlers.Keys.Where(i => !classifier.Intents.Contains(i.Value)).Select(i => $"{i}Handler has no utterances in dialogs/*.lu"));
        foreach (var languageTexts in texts.Values)
        {
            problems.AddRange(_handlers.Keys.Concat(ExtraTexts).Where(i => !languageTexts.Intents.ContainsKey(i.Value))
                .Select(i => $"responses/{languageTexts.Language}.json has no texts for '{i}'"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The dialogs data is incomplete: " + string.Join("; ", problems));
        }
    }

    public IReadOnlyCollection<IntentName> Intents => _handlers.Keys;

    public IIntentHandler this[IntentName intent] => _handlers[intent];

    public bool TryGet(IntentName intent, out IIntentHandler handler) => _handlers.TryGetValue(intent, out handler!);
}
