using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace AdvisorBot.Knowledge;

/// <summary>
/// Profiles from the *.json files of one folder (the schema file excepted). Loading at start is all or nothing;
/// afterwards a changed, added or removed file is picked up while running, and an invalid change keeps the
/// previous version of that file and logs why.
/// </summary>
public sealed partial class FileTargetGroupCatalog : ITargetGroupCatalog, IDisposable
{
    private static readonly TimeSpan DebounceDelay = TimeSpan.FromMilliseconds(250);

    private readonly ProfileLoader _loader;
    private readonly string _folder;
    private ILogger _logger;
    private readonly Lock _reloadGate = new();
    private readonly Dictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private ImmutableSortedDictionary<string, TargetGroupProfile> _byFile;

    private FileTargetGroupCatalog(ProfileLoader loader, string folder, ImmutableSortedDictionary<string, TargetGroupProfile> byFile, ILogger logger)
    {
        _loader = loader;
        _folder = folder;
        _byFile = byFile;
        _logger = logger;
    }

    public string Folder => _folder;

    /// <summary>Raised after a reload changed the set of profiles (for tests and caches).</summary>
    public event EventHandler? Reloaded;

    /// <summary>Loads every profile in <paramref name="folder"/>; throws <see cref="ProfileValidationException"/> on the first invalid file.</summary>
    public static async Task<FileTargetGroupCatalog> LoadAsync(string folder, ILogger logger, bool watch = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var loader = await ProfileLoader.CreateAsync(cancellationToken).ConfigureAwait(false);
        if (!Directory.Exists(folder))
        {
            throw new ProfileValidationException([new(folder, "$", "profiles-folder", "the profiles folder does not exist")]);
        }

        var builder = ImmutableSortedDictionary.CreateBuilder<string, TargetGroupProfile>(StringComparer.Ordinal);
        foreach (var file in ProfileFiles(folder))
        {
            builder[Path.GetFileName(file)] = await loader.LoadFileAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var duplicate = builder.Values.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var files = duplicate.Select(p => p.FileName!).ToList();
            throw new ProfileValidationException([new(files[1], "$.id", "unique-id", $"profile id '{duplicate.Key}' is also used by {files[0]}")]);
        }

        if (builder.Count == 0)
        {
            throw new ProfileValidationException([new(folder, "$", "profiles-folder", "the profiles folder holds no profile")]);
        }

        var catalog = new FileTargetGroupCatalog(loader, Path.GetFullPath(folder), builder.ToImmutable(), logger);
        if (watch)
        {
            catalog.StartWatching(logger);
        }

        return catalog;
    }

    public ValueTask<IReadOnlyList<TargetGroupProfile>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<TargetGroupProfile>>([.. Volatile.Read(ref _byFile).Values]);

    public ValueTask<ProfileMatch?> ResolveAsync(TargetGroupQuery query, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ProfileMatcher.Resolve(Volatile.Read(ref _byFile).Values, query));

    public ValueTask<TargetGroupProfile?> GetAsync(string profileId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Volatile.Read(ref _byFile).Values.FirstOrDefault(p => p.Id == profileId));

    /// <summary>Reloads one file now (what the watcher does after a change settles).</summary>
    public async Task ReloadFileAsync(string fileName, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_folder, fileName);
        if (!File.Exists(path))
        {
            if (Swap(map => map.Remove(fileName)))
            {
                Log.ProfileRemoved(_logger, fileName);
            }
            return;
        }

        TargetGroupProfile profile;
        try
        {
            profile = await _loader.LoadFileAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (ProfileValidationException ex)
        {
            Log.ReloadRejected(_logger, fileName, ex.Message);
            return;
        }
        catch (IOException ex)
        {
            Log.ReloadRejected(_logger, fileName, ex.Message);
            return;
        }

        var current = Volatile.Read(ref _byFile);
        var clash = current.FirstOrDefault(kv => kv.Key != fileName && kv.Value.Id == profile.Id);
        if (clash.Value is not null)
        {
            Log.ReloadRejected(_logger, fileName, $"{fileName}: $.id: unique-id: profile id '{profile.Id}' is also used by {clash.Key}");
            return;
        }

        Swap(map => map.SetItem(fileName, profile));
        Log.ProfileLoaded(_logger, fileName, profile.Id);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        lock (_reloadGate)
        {
            foreach (var cts in _pending.Values)
            {
                cts.Cancel();
                cts.Dispose();
            }
            _pending.Clear();
        }
    }

    private static IEnumerable<string> ProfileFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.json")
            .Where(f => !string.Equals(Path.GetFileName(f), ProfileLoader.SchemaFileName, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private bool Swap(Func<ImmutableSortedDictionary<string, TargetGroupProfile>, ImmutableSortedDictionary<string, TargetGroupProfile>> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _byFile);
            var next = change(current);
            if (ReferenceEquals(next, current))
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _byFile, next, current), current))
            {
                Reloaded?.Invoke(this, EventArgs.Empty);
                return true;
            }
        }
    }

    /// <summary>Starts picking up changed, added and removed files, logging to <paramref name="logger"/>.</summary>
    public void StartWatching(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        if (_watcher is not null)
        {
            return;
        }

        _watcher = new FileSystemWatcher(_folder, "*.json")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, e) => Schedule(e.Name);
        _watcher.Created += (_, e) => Schedule(e.Name);
        _watcher.Deleted += (_, e) => Schedule(e.Name);
        _watcher.Renamed += (_, e) =>
        {
            Schedule(e.OldName);
            Schedule(e.Name);
        };
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Editors write a file in several steps: wait until it has been quiet for a moment.</summary>
    private void Schedule(string? fileName)
    {
        if (fileName is null || !fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || string.Equals(fileName, ProfileLoader.SchemaFileName, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var cts = ReplacePending(fileName);
        var token = cts.Token;
        _ = Task.Run(() => ReloadWhenQuietAsync(fileName, token), CancellationToken.None);
    }

    /// <summary>Cancels the pending reload of a file, if any, and registers a new one.</summary>
    private CancellationTokenSource ReplacePending(string fileName)
    {
        CancellationTokenSource cts;
        lock (_reloadGate)
        {
            if (_pending.Remove(fileName, out var previous))
            {
                previous.Cancel();
                previous.Dispose();
            }

            cts = new CancellationTokenSource();
            _pending[fileName] = cts;
        }

        return cts;
    }

    /// <summary>Reloads a file once no newer change has come in for <see cref="DebounceDelay"/>.</summary>
    private async Task ReloadWhenQuietAsync(string fileName, CancellationToken token)
    {
        try
        {
            await Task.Delay(DebounceDelay, token).ConfigureAwait(false);
            lock (_reloadGate)
            {
                if (_pending.TryGetValue(fileName, out var mine) && mine.Token == token)
                {
                    _pending.Remove(fileName);
                    mine.Dispose();
                }
            }

            await ReloadFileAsync(fileName, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A newer change to the same file superseded this one.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Loaded target-group profile {FileName} ({ProfileId})")]
        public static partial void ProfileLoaded(ILogger logger, string fileName, string profileId);

        [LoggerMessage(1002, LogLevel.Warning, "Kept the previous version of {FileName}: {Reason}")]
        public static partial void ReloadRejected(ILogger logger, string fileName, string reason);

        [LoggerMessage(1003, LogLevel.Information, "Removed target-group profile {FileName}")]
        public static partial void ProfileRemoved(ILogger logger, string fileName);
    }
}
