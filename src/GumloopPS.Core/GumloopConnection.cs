using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;

namespace GumloopPS.Core;

public sealed class GumloopConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly long _maxResponseBytes;

    // Same string instance as inside the Authorization header, not a second copy; kept because reading
    // HttpHeaders back is not safe while requests are being sent on other threads.
    private readonly string? _authParameter;
    private readonly string _maskedKey;
    private readonly GumloopOAuthSession? _oauth;
    private int _disposed;

    public GumloopConnection(GumloopConnectionOptions options)
        : this(options, null)
    {
    }

    /// <summary>Test seam: lets unit tests replace the network with an in-memory handler.</summary>
    internal GumloopConnection(GumloopConnectionOptions options, HttpMessageHandler? handler)
    {
        if (options == null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        BaseUri = GumloopConnectionOptions.ValidateBaseUri(options.BaseUri, nameof(options.BaseUri));
        StreamBaseUri = GumloopConnectionOptions.ValidateBaseUri(
            options.StreamBaseUri ?? GumloopConnectionOptions.DeriveStreamBaseUri(BaseUri),
            nameof(options.StreamBaseUri));

        if (!Enum.IsDefined(typeof(GumloopAuthKind), options.AuthKind))
        {
            throw new ArgumentException($"Unknown authentication kind '{options.AuthKind}'.", nameof(options.AuthKind));
        }

        Kind = options.AuthKind;
        UserId = NullIfBlank(options.UserId);
        TeamId = NullIfBlank(options.TeamId);

        if (Kind == GumloopAuthKind.ApiKey && UserId == null)
        {
            throw new ArgumentException("A personal API key needs the owning user's id (sent as x-auth-key).", nameof(options.UserId));
        }

        if (Kind == GumloopAuthKind.TeamKey && TeamId == null)
        {
            throw new ArgumentException("A team API key needs the team id it was issued for (sent as team_id).", nameof(options.TeamId));
        }

        ValidateHeaderToken(UserId, nameof(options.UserId));

        if (options.Timeout < TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("The timeout must be positive, or zero for no timeout.", nameof(options.Timeout));
        }

        if (options.Timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException("The timeout is too large.", nameof(options.Timeout));
        }

        RequestTimeout = options.Timeout == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : options.Timeout;
        TimeoutWasSet = options.TimeoutWasSet;

        if (options.MaxRetryCount < 0 || options.MaxRetryCount > 100)
        {
            throw new ArgumentException("MaxRetryCount must be between 0 and 100.", nameof(options.MaxRetryCount));
        }

        MaxRetryCount = options.MaxRetryCount;

        if (options.MaxRetryDelay < TimeSpan.Zero || options.MaxRetryDelay > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("MaxRetryDelay must be between 0 and 1 hour.", nameof(options.MaxRetryDelay));
        }

        MaxRetryDelay = options.MaxRetryDelay;

        if (options.MaxResponseBytes <= 0)
        {
            throw new ArgumentException("MaxResponseBytes must be positive.", nameof(options.MaxResponseBytes));
        }

        _maxResponseBytes = options.MaxResponseBytes;

        _oauth = options.OAuthSession;
        if (_oauth != null && Kind != GumloopAuthKind.AccessToken)
        {
            throw new ArgumentException("An OAuth sign-in gives an access token; set AuthKind to AccessToken.", nameof(options.AuthKind));
        }

        SecureString? secret = options.Secret;
        if (_oauth == null && secret == null)
        {
            throw new ArgumentException("A secret (API key or access token) is required.", nameof(options.Secret));
        }

        if (_oauth == null && secret!.Length == 0)
        {
            throw new ArgumentException("The secret (API key or access token) is empty.", nameof(options.Secret));
        }

        UserAgent = BuildUserAgent();

        HttpMessageHandler effective = handler ?? CreateDefaultHandler();
        _http = new HttpClient(effective, disposeHandler: true)
        {
            // The per-request timeout is enforced by GumloopClient so that a timeout and a
            // caller cancellation can be told apart.
            Timeout = Timeout.InfiniteTimeSpan,
        };

        try
        {
            // An OAuth token changes when it is renewed, so GumloopClient sets it on each request instead.
            _authParameter = _oauth == null ? ApplySecret(secret!, _http.DefaultRequestHeaders) : null;
            _maskedKey = _authParameter != null ? Mask(_authParameter) : "****";
            _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent);
            var debugHeaders = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Authorization", "Bearer " + MaskedKey),
                new KeyValuePair<string, string>("Accept", "application/json"),
                new KeyValuePair<string, string>("User-Agent", UserAgent),
            };
            if (UserId != null && Kind != GumloopAuthKind.AccessToken)
            {
                _http.DefaultRequestHeaders.TryAddWithoutValidation("x-auth-key", UserId);
                debugHeaders.Add(new KeyValuePair<string, string>("x-auth-key", UserId));
            }

            DebugDefaultHeaders = debugHeaders;
        }
        catch
        {
            _http.Dispose();
            throw;
        }
    }

    public Uri BaseUri { get; }
    public Uri StreamBaseUri { get; }
    /// <summary>The kind of credential, as its name (ApiKey, TeamKey, AccessToken): a string, so ConvertTo-Json and Export-Csv write the name, not a number.</summary>
    public string AuthKind => Kind.ToString();

    /// <summary>The kind of credential, for code.</summary>
    internal GumloopAuthKind Kind { get; }
    public string? UserId { get; }
    public string? TeamId { get; }
    public string MaskedKey => _oauth != null ? _oauth.MaskedAccessToken : _maskedKey;

    /// <summary>The interactive OAuth sign-in behind this connection (Connect-Gumloop -Interactive); null for keys and pasted tokens.</summary>
    public GumloopOAuthSession? OAuthSession => _oauth;

    /// <summary>0 means no timeout, matching Invoke-RestMethod -TimeoutSec.</summary>
    public int TimeoutSec => RequestTimeout == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Ceiling(RequestTimeout.TotalSeconds);
    public int MaxRetryCount { get; }
    public int MaxRetryDelaySec => (int)Math.Ceiling(MaxRetryDelay.TotalSeconds);
    public long MaxResponseBytes => _maxResponseBytes;
    public string UserAgent { get; }

    internal TimeSpan RequestTimeout { get; }

    /// <summary>Whether the per-request timeout was chosen (Connect-Gumloop -TimeoutSec) rather than left at its default.</summary>
    internal bool TimeoutWasSet { get; }
    internal TimeSpan MaxRetryDelay { get; }
    internal HttpClient Http
    {
        get
        {
            if (_disposed != 0)
            {
                throw new ObjectDisposedException(nameof(GumloopConnection), "This Gumloop connection has been disposed; connect again.");
            }

            return _http;
        }
    }

    /// <summary>Used to redact error bodies that echo the secret back.</summary>
    internal string? SecretForRedaction => _authParameter;

    /// <summary>Default headers as they may be logged: the Authorization value is masked.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> DebugDefaultHeaders { get; }

    internal string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        if (_oauth != null)
        {
            text = _oauth.Redact(text!);
        }

        string? secret = SecretForRedaction;
        if (string.IsNullOrEmpty(secret) || text!.IndexOf(secret, StringComparison.Ordinal) < 0)
        {
            return text!;
        }

        return text.Replace(secret, "****");
    }

    /// <summary>Text that may be JSON, with the secret masked as written and as decoded (escaped spellings included).</summary>
    internal string RedactJson(string? text)
    {
        string redacted = SecretRedaction.Json(text, SecretForRedaction);
        // An OAuth connection holds several tokens over its life (each renewal brings new ones); all stay masked.
        return _oauth != null ? _oauth.Redact(redacted) : redacted;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Gumloop ").Append(AuthKind).Append(" connection to ").Append(BaseUri.AbsoluteUri.TrimEnd('/'));
        if (UserId != null)
        {
            sb.Append(" as ").Append(UserId);
        }

        if (TeamId != null)
        {
            sb.Append(" in team ").Append(TeamId);
        }

        sb.Append(" (").Append(MaskedKey).Append(')');
        return sb.ToString();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _http.Dispose();
        }
    }

    private static HttpMessageHandler CreateDefaultHandler()
    {
        var handler = new HttpClientHandler
        {
            // A redirect could move the bearer token to another host or to plain http.
            AllowAutoRedirect = false,
            UseCookies = false,
        };

        if (handler.SupportsAutomaticDecompression)
        {
            handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
        }

        try
        {
            // The default of 2 per server on .NET Framework would serialise parallel cmdlet work.
            handler.MaxConnectionsPerServer = 256;
        }
        catch (PlatformNotSupportedException)
        {
        }
        catch (NotSupportedException)
        {
        }

        return handler;
    }

    private static string ApplySecret(SecureString secret, HttpRequestHeaders headers)
    {
        IntPtr ptr = IntPtr.Zero;
        try
        {
            ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
            int length = secret.Length;
            var value = Marshal.PtrToStringUni(ptr, length);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < 0x21 || c == 0x7F)
                {
                    throw new ArgumentException("The secret contains whitespace or control characters; check that the key was pasted correctly.", "Secret");
                }
            }

            headers.Authorization = new AuthenticationHeaderValue("Bearer", value);
            return value;
        }
        finally
        {
            if (ptr != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }

    internal static string Mask(string secret)
    {
        // Showing 4 characters of a very short secret would reveal too much of it.
        if (secret.Length < 8)
        {
            return "****";
        }

        return "****" + secret.Substring(secret.Length - 4);
    }

    private static void ValidateHeaderToken(string? value, string paramName)
    {
        if (value == null)
        {
            return;
        }

        foreach (char c in value)
        {
            if (c < 0x20 || c >= 0x7F)
            {
                throw new ArgumentException("The value contains characters that cannot be sent in an HTTP header.", paramName);
            }
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static string BuildUserAgent()
    {
        string version = typeof(GumloopConnection).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version.Substring(0, plus);
        }

        string os;
        try
        {
            os = RuntimeInformation.OSDescription;
        }
        catch (Exception)
        {
            os = "unknown OS";
        }

        var sb = new StringBuilder();
        foreach (char c in os)
        {
            // A User-Agent comment must not contain parentheses, backslashes or non-ASCII text.
            if (c >= 0x20 && c < 0x7F && c != '(' && c != ')' && c != '\\')
            {
                sb.Append(c);
            }
        }

        string cleanOs = sb.ToString().Trim();
        if (cleanOs.Length == 0)
        {
            cleanOs = "unknown OS";
        }

        return $"GumloopPS/{version} (.NET; {cleanOs})";
    }
}
