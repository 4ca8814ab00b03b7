namespace AdvisorBot.Knowledge;

/// <summary>The target-group profiles the bot can answer from, read-only.</summary>
public interface ITargetGroupCatalog
{
    ValueTask<IReadOnlyList<TargetGroupProfile>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The best profile for a request, with what differs from the request; null only when there is no profile at all.
    /// </summary>
    ValueTask<ProfileMatch?> ResolveAsync(TargetGroupQuery query, CancellationToken cancellationToken = default);

    ValueTask<TargetGroupProfile?> GetAsync(string profileId, CancellationToken cancellationToken = default);
}

public static class TargetGroupCatalogExtensions
{
    /// <summary>
    /// The profiles now, for synchronous readers of a message (the recognisers): the loaded list without waiting, or,
    /// before the first load has finished, that load.
    /// </summary>
    public static IReadOnlyList<TargetGroupProfile> List(this ITargetGroupCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var list = catalog.ListAsync();
        return list.IsCompletedSuccessfully ? list.Result : list.AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>
/// What a user asked for. <see cref="Function"/> is free text ("senior devs", "programmeur"); the others are codes:
/// seniority <c>junior|medior|senior</c>, education <c>MBO|HBO|WO</c>, region a code such as <c>NL</c> or a place name.
/// Null means "not said".
/// </summary>
public sealed record TargetGroupQuery(string? Function = null, string? Seniority = null, string? Education = null, string? Region = null)
{
    public static readonly TargetGroupQuery Any = new();
}

public enum MatchDimension
{
    Function,
    Seniority,
    Education,
    Region,
}

/// <summary>Something the user asked for that the chosen profile does not cover.</summary>
public sealed record MatchGap(MatchDimension Dimension, string Requested);

public enum MatchQuality
{
    /// <summary>Everything the user said is covered by the profile.</summary>
    Exact,

    /// <summary>The function matches but something else (seniority, education, region) differs.</summary>
    Closest,

    /// <summary>No profile for the function asked; the profile is only the nearest thing we have.</summary>
    FunctionNotCovered,
}

public sealed record ProfileMatch(TargetGroupProfile Profile, IReadOnlyList<MatchGap> Gaps)
{
    public MatchQuality Quality =>
        Gaps.Count == 0 ? MatchQuality.Exact
        : Gaps.Any(g => g.Dimension == MatchDimension.Function) ? MatchQuality.FunctionNotCovered
        : MatchQuality.Closest;
}
