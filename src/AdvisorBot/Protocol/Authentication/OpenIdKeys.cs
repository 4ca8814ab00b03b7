using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdvisorBot.Protocol.Authentication;

/// <summary>
/// The signing keys of one OpenID metadata document, fetched with a short timeout and kept. A failed fetch never
/// blocks requests for long: it is retried after a backoff (1 s, 2 s, … up to a minute), and meanwhile the keys
/// fetched before keep serving; only while no keys were ever fetched is the answer "unavailable, retry after".
/// </summary>
public sealed class OpenIdKeys(string metadataAddress, IDocumentRetriever retriever, TimeProvider time)
{
    /// <summary>How long one fetch may take.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Keys are fetched again this often, and on an unknown key id at most every <see cref="MinimumRefresh"/>.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinimumRefresh = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;
    private int _failures;

    /// <summary>When a caller may try again while no keys are known.</summary>
    public TimeSpan RetryAfter => _retryAt > time.GetUtcNow() ? _retryAt - time.GetUtcNow() : TimeSpan.FromSeconds(1);

    /// <summary>The keys (fetched now if they are due, or if <paramref name="unknownKey"/> asks for fresher ones); null while none can be had.</summary>
    public async Task<OpenIdConnectConfiguration?> GetAsync(bool unknownKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = _current is null || now - _fetchedAt >= RefreshInterval || (unknownKey && now - _fetchedAt >= MinimumRefresh);
        if (!due || now < _retryAt)
        {
            return _current;
        }

        if (!await _gate.WaitAsync(_current is null ? FetchTimeout : TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            return _current; // another request is fetching: use what there is
        }

        try
        {
            return await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<OpenIdConnectConfiguration?> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(FetchTimeout);
        try
        {
            // Waited for at most FetchTimeout whether or not the retriever honours the token.
            _current = await OpenIdConnectConfigurationRetriever.GetAsync(metadataAddress, retriever, timeout.Token)
                .WaitAsync(FetchTimeout, time, cancellationToken).ConfigureAwait(false);
            _fetchedAt = time.GetUtcNow();
            _failures = 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _failures++;
            var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, _failures - 1)));
            _retryAt = time.GetUtcNow() + backoff;
        }

        return _current;
    }
}
