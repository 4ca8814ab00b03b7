namespace AdvisorBot.Channels.DirectLine;

/// <summary>Who may get a Web Chat token from <c>POST /api/webchat/token</c>.</summary>
public enum WebChatTokenAccess
{
    /// <summary>Anyone who can reach the page (an intranet behind its own network access control).</summary>
    Open,

    /// <summary>Only a signed-in user (the host's authentication, or the <see cref="DirectLineOptions.TrustedUserHeader"/> of an SSO proxy).</summary>
    AuthenticatedUser,
}

/// <summary>The self-hosted Direct Line 3.0 service (section <c>DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    /// <summary>Direct Line secrets: master keys for back-end clients (<c>tokens/generate</c>, any conversation). Empty: none accepted.</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>
    /// The HMAC key (base64, at least 32 bytes) that signs tokens. Unset: a random key is made once and kept in the
    /// state store, so tokens survive a restart and instances that share the store share the key.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a token is valid; <c>tokens/refresh</c> gives a new one while it is.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a conversation's activity log is kept after its last activity.</summary>
    public TimeSpan ConversationTimeToLive { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a conversation that nobody has posted to yet is kept (a token request alone keeps nothing for days).</summary>
    public TimeSpan UnusedConversationTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Token requests of the intranet page (<c>/api/webchat/token</c>) per client address: a token bucket.</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;
    public int TokenRequestBurst { get; set; } = 30;

    /// <summary>The most activities one conversation may hold (user and bot together).</summary>
    public int MaxActivitiesPerConversation { get; set; } = 2_000;

    /// <summary>Interval of the empty keep-alive frames on a WebSocket stream.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Activities one token may post per minute, with <see cref="PostBurst"/> at once.</summary>
    public int PostsPerMinute { get; set; } = 30;

    public int PostBurst { get; set; } = 10;

    /// <summary>Origins of other intranet pages allowed to embed the chat (CORS). Empty: same origin only.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Who may get a token for the page.</summary>
    public WebChatTokenAccess WebChatTokenAccess { get; set; } = WebChatTokenAccess.Open;

    /// <summary>
    /// With <see cref="WebChatTokenAccess.AuthenticatedUser"/>: the request header in which an SSO reverse proxy puts
    /// the signed-in user's name. Only set this when every request passes through that proxy.
    /// </summary>
    public string? TrustedUserHeader { get; set; }
}
