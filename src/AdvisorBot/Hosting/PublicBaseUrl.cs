using AdvisorBot.Cards;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Hosting;

/// <summary>
/// The configured <c>AdvisorBot:PublicBaseUrl</c>, or else the scheme, host and path base of the request being
/// answered (after the forwarded-headers middleware, when the proxy is trusted), so chart images load on whatever
/// address the service runs. Outside a request (the console chat) the service's default URL.
/// </summary>
public sealed class PublicBaseUrl(IOptions<CardOptions> options, IHttpContextAccessor http) : IPublicBaseUrl
{
    private readonly string? _configured = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.TrimEnd('/');

    public string Current => _configured
        ?? (http.HttpContext?.Request is { Host.HasValue: true } request
            ? $"{request.Scheme}://{request.Host}{request.PathBase}".TrimEnd('/')
            : CoreSetup.DefaultUrl);
}
