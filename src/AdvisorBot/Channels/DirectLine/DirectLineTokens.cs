using System.Security.Cryptography;
using System.Text;
using AdvisorBot.State;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdvisorBot.Channels.DirectLine;

/// <summary>What a valid Direct Line credential grants.</summary>
/// <param name="ConversationId">The one conversation a token is for; null for a secret (any conversation).</param>
/// <param name="UserId">The user id bound into the token (Web Chat reads it as its user id), if any.</param>
/// <param name="UserName">The signed-in user's display name, if the token was made for one.</param>
public sealed record DirectLineGrant(string? ConversationId, string? UserId, string? UserName, bool IsSecret)
{
    public bool Allows(string conversationId) => IsSecret || string.Equals(ConversationId, conversationId, StringComparison.Ordinal);
}

public enum CredentialStatus
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>A token as the Direct Line API returns it.</summary>
public sealed record IssuedToken(string Token, string ConversationId, int ExpiresIn);

/// <summary>
/// Direct Line secrets and tokens. Tokens are HS256 JWTs bound to one conversation (<c>conv</c>) and, for Web Chat,
/// to a user id (<c>user</c>, the claim Web Chat reads); they expire after <see cref="DirectLineOptions.TokenLifetime"/>.
/// </summary>
public sealed class DirectLineTokens
{
    public const string Issuer = "advisorbot-directline";
    public const string Audience = "advisorbot-directline";
    private const string SigningKeyStateKey = "directline/signing-key";

    private readonly DirectLineOptions _options;
    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly byte[][] _secrets;
    private readonly SemaphoreSlim _keyGate = new(1, 1);
    private SymmetricSecurityKey? _key;

    public DirectLineTokens(IOptions<DirectLineOptions> options, IStateStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _store = store;
        _time = time;
        _secrets = [.. _options.Secrets.Where(s => !string.IsNullOrWhiteSpace(s)).Select(Encoding.UTF8.GetBytes)];
        if (_options.Secrets.Any(s => s.Length is > 0 and < 32))
        {
            throw new InvalidOperationException("Every DirectLine:Secrets entry must be at least 32 characters long.");
        }

        if (_options.TokenSigningKey is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32)
            {
                throw new InvalidOperationException("DirectLine:TokenSigningKey must be base64 of at least 32 bytes.");
            }

            _key = new SymmetricSecurityKey(bytes);
        }
    }

    public int LifetimeSeconds => (int)_options.TokenLifetime.TotalSeconds;

    /// <summary>A new, unguessable conversation id.</summary>
    public static string NewConversationId() => UnguessableId.New();

    /// <summary>A new anonymous Web Chat user id; the <c>dl_</c> prefix marks ids only a token may carry.</summary>
    public static string NewAnonymousUserId() => "dl_" + RandomNumberGenerator.GetHexString(16, lowercase: true);

    public async Task<IssuedToken> IssueAsync(string conversationId, string? userId, string? userName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var key = await KeyAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["conv"] = conversationId, ["jti"] = Guid.NewGuid().ToString("N") };
        if (userId is not null)
        {
            claims["user"] = userId;
        }

        if (userName is not null)
        {
            claims["name"] = userName;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.TokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, conversationId, LifetimeSeconds);
    }

    /// <summary>Checks an <c>Authorization</c> header value (<c>Bearer &lt;secret or token&gt;</c>).</summary>
    public Task<(CredentialStatus Status, DirectLineGrant? Grant)> AuthenticateHeaderAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string bearer = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult<(CredentialStatus, DirectLineGrant?)>((CredentialStatus.Missing, null));
        }

        return AuthenticateAsync(authorization[bearer.Length..].Trim(), allowExpiredWithin: null, cancellationToken);
    }

    /// <summary>
    /// Checks a secret or a token. With <paramref name="allowExpiredWithin"/>, a correctly signed token that expired
    /// no longer ago than that still counts (used to resume a conversation after a page was closed for a while).
    /// </summary>
    public async Task<(CredentialStatus Status, DirectLineGrant? Grant)> AuthenticateAsync(string credential, TimeSpan? allowExpiredWithin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(credential) || credential == "undefined")
        {
            return (CredentialStatus.Missing, null);
        }

        var bytes = Encoding.UTF8.GetBytes(credential);
        if (_secrets.Any(s => CryptographicOperations.FixedTimeEquals(s, bytes)))
        {
            return (CredentialStatus.Valid, new DirectLineGrant(null, null, null, IsSecret: true));
        }

        var key = await KeyAsync(cancellationToken).ConfigureAwait(false);
        var result = await _handler.ValidateTokenAsync(credential, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateLifetime = false, // checked below against the injected clock
            RequireExpirationTime = true,
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt
            || !jwt.TryGetPayloadValue<string>("conv", out var conversationId) || string.IsNullOrEmpty(conversationId))
        {
            return (CredentialStatus.Invalid, null);
        }

        return Grant(jwt, conversationId, allowExpiredWithin);
    }

    /// <summary>A verified token's grant, if its lifetime (on the injected clock, with 30 s skew) allows it.</summary>
    private (CredentialStatus Status, DirectLineGrant? Grant) Grant(JsonWebToken jwt, string conversationId, TimeSpan? allowExpiredWithin)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var skew = TimeSpan.FromSeconds(30);
        if (jwt.ValidFrom > now + skew)
        {
            return (CredentialStatus.Invalid, null);
        }

        jwt.TryGetPayloadValue<string>("user", out var userId);
        jwt.TryGetPayloadValue<string>("name", out var userName);
        var grant = new DirectLineGrant(conversationId, userId, userName, IsSecret: false);
        if (jwt.ValidTo + skew < now && !(allowExpiredWithin is { } grace && jwt.ValidTo + grace >= now))
        {
            return (CredentialStatus.Expired, grant);
        }

        return (CredentialStatus.Valid, grant);
    }

    private async ValueTask<SymmetricSecurityKey> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _keyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is null)
            {
                // One key for every instance that shares the store: the first writer wins, the others read it.
                var stored = await _store.ReadAsync(SigningKeyStateKey, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    var fresh = RandomNumberGenerator.GetBytes(32);
                    try
                    {
                        await _store.WriteAsync(SigningKeyStateKey, fresh, expectedETag: null, TimeSpan.FromDays(3650), cancellationToken).ConfigureAwait(false);
                        stored = new StoredItem(fresh, "");
                    }
                    catch (StateConflictException)
                    {
                        stored = await _store.ReadAsync(SigningKeyStateKey, cancellationToken).ConfigureAwait(false)
                            ?? throw new InvalidOperationException("The Direct Line signing key vanished from the state store.");
                    }
                }

                _key = new SymmetricSecurityKey(stored.Value.ToArray());
            }

            return _key;
        }
        finally
        {
            _keyGate.Release();
        }
    }
}
