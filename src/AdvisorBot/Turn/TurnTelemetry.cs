using System.Diagnostics;
using System.Diagnostics.Metrics;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs;

namespace AdvisorBot.Turn;

/// <summary>
/// What an operator sees of the turns: a trace per turn with its stages, and metrics of turns by channel, intent,
/// outcome and language with their latency. Labels come from closed sets (known channels, the intents of the data,
/// five outcomes, the bot's languages): never a user's text, id or anything a client can make up.
/// </summary>
public static class TurnTelemetry
{
    public const string Name = "AdvisorBot.Turn";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>("advisorbot.turns", "{turn}",
        "Turns answered, by channel, intent, outcome (answered, clarify, out-of-scope, not-covered, unanswerable, error) and language");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("advisorbot.turn.duration", "ms",
        "Time from the turn lock to the committed answer, by channel and outcome");

    private static readonly HashSet<string> KnownChannels = ["msteams", "webchat", "directline", "emulator", "test", "console", "m365playground", "agents"];

    /// <summary>What the answer was, as one of a fixed set of outcomes.</summary>
    public static string Outcome(AnswerView? answer) => answer switch
    {
        null => "none",
        { Kind.Name: "Error" } => "error",
        { Topic: "Clarify" } => "clarify",
        { Topic: "NotCovered" } => "not-covered",
        { Replay.Intent: "None" } or { Topic: "None" } => "out-of-scope",
        { Replay.Intent: "NotInReport" } => "unanswerable",
        _ => "answered",
    };

    /// <summary>The intent a turn answered: the data's name of it (a closed set), "other" for anything else.</summary>
    public static string Intent(AnswerView? answer, IReadOnlySet<string> known) =>
        answer?.Replay?.Intent is { } replay && known.Contains(replay) ? replay
        : answer?.Topic is { } topic && known.Contains(topic) ? topic
        : answer?.Kind.Name ?? "none";

    public static string Channel(string? channelId) => channelId is not null && KnownChannels.Contains(channelId) ? channelId : "other";

    public static void Record(string channel, string intent, string outcome, string language, TimeSpan elapsed)
    {
        var tags = new TagList { { "channel", channel }, { "intent", intent }, { "outcome", outcome }, { "language", language } };
        Turns.Add(1, tags);
        Duration.Record(elapsed.TotalMilliseconds, new TagList { { "channel", channel }, { "outcome", outcome } });
    }
}
