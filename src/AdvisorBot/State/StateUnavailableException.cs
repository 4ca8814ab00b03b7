namespace AdvisorBot.State;

/// <summary>
/// The state store (or the lock beside it) cannot be reached right now: the turn did nothing and may be sent again.
/// Endpoints answer 503 with <c>Retry-After</c>; nothing was half-written, because writes are all-or-nothing.
/// </summary>
public sealed class StateUnavailableException : Exception
{
    public StateUnavailableException() : base("The state store is unavailable.") { }

    public StateUnavailableException(string message) : base(message) { }

    public StateUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>What a client is told to wait before it sends again.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(2);
}
