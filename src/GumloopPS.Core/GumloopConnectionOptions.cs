using System;
using System.Net;
using System.Security;

namespace GumloopPS.Core;

public sealed class GumloopConnectionOptions
{
    public static readonly Uri DefaultBaseUri = new Uri("https://api.gumloop.com/api/v1");

    /// <summary>
    /// Default cap on a buffered success body. A 100,000-message transcript is about 18 MB; parsing briefly needs
    /// about 2.5 times the body, so 128 MB keeps a hostile or runaway body within a 400 MB runbook sandbox.
    /// </summary>
    public const long DefaultMaxResponseBytes = 128L * 1024 * 1024;

    public Uri BaseUri { get; set; } = DefaultBaseUri;
    public Uri? StreamBaseUri { get; set; }
    public GumloopAuthKind AuthKind { get; set; } = GumloopAuthKind.ApiKey;
    public SecureString? Secret { get; set; }
    public string? UserId { get; set; }
    public string? TeamId { get; set; }

    /// <summary>Per request. Zero or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> means no timeout.</summary>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            _timeout = value;
            TimeoutWasSet = true;
        }
    }

    private TimeSpan _timeout = TimeSpan.FromSeconds(90);

    /// <summary>Whether <see cref="Timeout"/> was chosen rather than left at its default; a long-running route's own default yields to a chosen one.</summary>
    internal bool TimeoutWasSet { get; private set; }
    public int MaxRetryCount { get; set; } = 3;
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// An interactive OAuth sign-in whose access token the connection sends and renews; takes the place of
    /// <see cref="Secret"/>, and needs <see cref="AuthKind"/> <c>AccessToken</c>.
    /// </summary>
    public GumloopOAuthSession? OAuthSession { get; set; }

    private const string RestHost = "api.gumloop.com";
    private const string StreamHost = "ws.gumloop.com";

    public static Uri DeriveStreamBaseUri(Uri baseUri)
    {
        if (baseUri == null)
        {
            throw new ArgumentNullException(nameof(baseUri));
        }

        if (baseUri.IsAbsoluteUri && string.Equals(baseUri.Host, RestHost, StringComparison.OrdinalIgnoreCase))
        {
            var builder = new UriBuilder(baseUri) { Host = StreamHost };
            return builder.Uri;
        }

        return baseUri;
    }

    /// <summary>
    /// Rejects anything that could send the bearer token in clear text or to an ambiguous location.
    /// Plain http is tolerated only for loopback so the local simulator works.
    /// </summary>
    internal static Uri ValidateBaseUri(Uri? uri, string paramName)
    {
        if (uri == null)
        {
            throw new ArgumentException("A base URI is required.", paramName);
        }

        if (!uri.IsAbsoluteUri)
        {
            // Not echoed: a mistyped URI may hold a pasted key.
            throw new ArgumentException($"The base URI must be absolute (for example {DefaultBaseUri}).", paramName);
        }

        bool https = string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase);
        bool http = string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase);
        if (!https && !(http && IsLoopback(uri)))
        {
            throw new ArgumentException(
                $"The base URI '{DisplayOrigin(uri)}' must use https; plain http is only allowed for loopback addresses (localhost, 127.0.0.0/8, ::1).",
                paramName);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException("The base URI must not contain user information; pass credentials through the connection options.", paramName);
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException("The base URI must not contain a query string or fragment.", paramName);
        }

        string text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text, UriKind.Absolute);
    }

    /// <summary>
    /// Scheme, host and port only: what a rejected URI may safely show in errors and logs, since user info,
    /// path or query could carry a pasted key (legacy endpoints took ?api_key=).
    /// </summary>
    public static string DisplayOrigin(Uri? uri)
    {
        if (uri == null || !uri.IsAbsoluteUri)
        {
            return "(relative URI)";
        }

        return uri.Scheme + "://" + uri.Authority;
    }

    internal static bool IsLoopback(Uri uri)
    {
        string host = uri.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out IPAddress? address))
        {
            return IPAddress.IsLoopback(address);
        }

        return false;
    }
}
