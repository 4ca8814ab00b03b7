using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using AdvisorBot.State;
using AdvisorBot.Turn;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Hosting.Insights;

/// <summary>Where the owner's insights come from and how long they are kept.</summary>
public sealed record InsightsOptions
{
    public const string Section = "Insights";

    /// <summary>Serve <c>/admin/insights</c> (for loopback clients only unless <see cref="AllowRemote"/>).</summary>
    public bool Enabled { get; init; } = true;

    public bool AllowRemote { get; init; }

    /// <summary>How often each instance adds its counts to the store's hourly totals.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an hour's totals are kept.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(400);
}

/// <summary>One hour's turns of one kind: the labels of the <c>advisorbot.turns</c> metric, all from closed sets.</summary>
public readonly record struct TurnKind(string Channel, string Intent, string Outcome, string Language)
{
    public string Key => string.Join('|', Channel, Intent, Outcome, Language);

    public static TurnKind? Parse(string key) => key.Split('|') is [var channel, var intent, var outcome, var language]
        ? new TurnKind(channel, intent, outcome, language)
        : null;
}

/// <summary>
/// Counts turns per hour from the turn metric (never from stored text: the metric's labels are a closed set of
/// channels, intents, outcomes and languages) and adds them to hourly totals in the state store
/// (<c>insights/{yyyyMMddHH}</c>), merged with the item's ETag, so several instances on one Redis add up. What this
/// instance has not written yet is counted in its reads too.
/// </summary>
public sealed partial class TurnCounts : BackgroundService
{
    private const string KeyPrefix = "insights/";
    private const int MaxAttempts = 8;

    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly InsightsOptions _options;
    private readonly ILogger<TurnCounts> _logger;
    private readonly MeterListener _listener = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private ConcurrentDictionary<(DateTime Hour, TurnKind Kind), long> _pending = new();

    public TurnCounts(IStateStore store, TimeProvider time, IOptions<InsightsOptions> options, ILogger<TurnCounts> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TurnTelemetry.Name && instrument.Name == "advisorbot.turns")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Count(value, tags));
        _listener.Start();
    }

    private void Count(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string channel = "other", intent = "other", outcome = "other", language = "none";
        foreach (var (name, tag) in tags)
        {
            var text = tag as string ?? "other";
            switch (name)
            {
                case "channel": channel = text; break;
                case "intent": intent = text; break;
                case "outcome": outcome = text; break;
                case "language": language = text; break;
            }
        }

        _pending.AddOrUpdate((Hour(_time.GetUtcNow()), new TurnKind(channel, intent, outcome, language)), value, (_, sum) => sum + value);
    }

    private static DateTime Hour(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, DateTimeKind.Utc);

    private static string KeyOf(DateTime hour) => KeyPrefix + hour.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.FlushInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The store went first (a host disposed before it stopped): the counts of the last seconds are lost, the shutdown is not.
        }
    }

    /// <summary>Adds this instance's counts to the store's hourly totals; what cannot be written now stays for the next time.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var taken = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(DateTime Hour, TurnKind Kind), long>());
            foreach (var hour in taken.GroupBy(p => p.Key.Hour))
            {
                var counts = hour.ToDictionary(p => p.Key.Kind.Key, p => p.Value, StringComparer.Ordinal);
                if (!await AddAsync(hour.Key, counts, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var pair in hour)
                    {
                        _pending.AddOrUpdate(pair.Key, pair.Value, (_, sum) => sum + pair.Value);
                    }
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task<bool> AddAsync(DateTime hour, Dictionary<string, long> counts, CancellationToken cancellationToken)
    {
        var key = KeyOf(hour);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                var stored = await _store.ReadAsync(key, cancellationToken).ConfigureAwait(false);
                var totals = stored is null ? [] : Parse(stored);
                foreach (var (kind, value) in counts)
                {
                    totals[kind] = totals.GetValueOrDefault(kind) + value;
                }

                await _store.WriteAsync(key, JsonSerializer.SerializeToUtf8Bytes(totals), stored?.ETag, _options.Retention, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StateConflictException)
            {
                // Another instance added its counts first: read again and add to theirs.
            }
            catch (StateUnavailableException exception)
            {
                Log.NotWritten(_logger, exception);
                return false;
            }
        }

        return false;
    }

    private static Dictionary<string, long> Parse(StoredItem item)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, long>>(item.Value.Span) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The turns of every hour from <paramref name="from"/> up to now, by hour and kind: the store's totals plus what this instance holds.</summary>
    public async Task<IReadOnlyList<(DateTime Hour, TurnKind Kind, long Count)>> ReadAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var rows = new List<(DateTime, TurnKind, long)>();
        var now = Hour(_time.GetUtcNow());
        for (var hour = Hour(from); hour <= now; hour = hour.AddHours(1))
        {
            var stored = await _store.ReadAsync(KeyOf(hour), cancellationToken).ConfigureAwait(false);
            foreach (var (key, count) in stored is null ? [] : Parse(stored))
            {
                if (TurnKind.Parse(key) is { } kind)
                {
                    rows.Add((hour, kind, count));
                }
            }
        }

        var start = Hour(from);
        rows.AddRange(_pending.Where(p => p.Key.Hour >= start).Select(p => (p.Key.Hour, p.Key.Kind, p.Value)));
        return rows;
    }

    public override void Dispose()
    {
        // The semaphore stays: a stop after the dispose may still flush (it holds no wait handle, so nothing leaks).
        _listener.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "Insights: the store is unavailable; the counts are kept for the next flush")]
        public static partial void NotWritten(ILogger logger, Exception exception);
    }
}
