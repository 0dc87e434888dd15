using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// The OAuth 2.0 endpoints on the root host (the REST base without <c>/api/v1</c>): authorize URL, token
/// (authorization_code and refresh_token grants), revoke (RFC 7009) and dynamic registration. None of them takes
/// a bearer, so this has its own HttpClient that never carries one.
/// </summary>
public sealed class GumloopOAuthClient : IDisposable
{
    public const string DefaultScope = "gumloop_api userinfo";
    public static readonly Uri DefaultRedirectUri = new Uri("http://127.0.0.1:8765/callback");

    private const int MaxBodyBytes = 64 * 1024;
    private readonly HttpClient _http;
    private int _disposed;

    public GumloopOAuthClient(Uri baseUri, TimeSpan? timeout = null)
        : this(baseUri, timeout, null)
    {
    }

    /// <summary>Test seam: an in-memory handler instead of the network.</summary>
    internal GumloopOAuthClient(Uri baseUri, TimeSpan? timeout, HttpMessageHandler? handler)
    {
        RootUri = DeriveRootUri(GumloopConnectionOptions.ValidateBaseUri(baseUri, nameof(baseUri)));
        RequestTimeout = timeout is TimeSpan t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(90);
        var effective = handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        _http = new HttpClient(effective, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>Scheme, host and port of the API: where <c>/oauth/*</c> lives.</summary>
    public Uri RootUri { get; }

    public TimeSpan RequestTimeout { get; }

    /// <summary>The OAuth base is the REST base with a trailing <c>/api/v1</c> removed (API.md 1).</summary>
    public static Uri DeriveRootUri(Uri baseUri)
    {
        if (baseUri == null)
        {
            throw new ArgumentNullException(nameof(baseUri));
        }

        string text = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (text.EndsWith("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            text = text.Substring(0, text.Length - "/api/v1".Length);
        }

        return new Uri(text + "/", UriKind.Absolute);
    }

    public Uri BuildAuthorizeUri(string clientId, Uri redirectUri, string scope, string codeChallenge, string state)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("response_type", "code"),
            new KeyValuePair<string, string>("client_id", clientId),
            new KeyValuePair<string, string>("redirect_uri", redirectUri.OriginalString),
            new KeyValuePair<string, string>("scope", scope),
            new KeyValuePair<string, string>("code_challenge", codeChallenge),
            new KeyValuePair<string, string>("code_challenge_method", "S256"),
            new KeyValuePair<string, string>("state", state),
        };
        return new Uri(new Uri(RootUri, "oauth/authorize").AbsoluteUri + "?" + FormEncode(query), UriKind.Absolute);
    }

    internal async Task<OAuthTokenGrant> ExchangeCodeAsync(string code, Uri redirectUri, string clientId, string codeVerifier, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("grant_type", "authorization_code"),
            new KeyValuePair<string, string>("code", code),
            new KeyValuePair<string, string>("redirect_uri", redirectUri.OriginalString),
            new KeyValuePair<string, string>("client_id", clientId),
            new KeyValuePair<string, string>("code_verifier", codeVerifier),
        };
        return await TokenRequestAsync(form, GumloopOAuthProblem.CodeExchangeFailed, "The authorization code could not be exchanged for a token", new[] { code, codeVerifier }, ct).ConfigureAwait(false);
    }

    internal async Task<OAuthTokenGrant> RefreshAsync(string refreshToken, string clientId, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("grant_type", "refresh_token"),
            new KeyValuePair<string, string>("refresh_token", refreshToken),
            new KeyValuePair<string, string>("client_id", clientId),
        };
        return await TokenRequestAsync(form, GumloopOAuthProblem.RefreshFailed, "The access token could not be renewed", new[] { refreshToken }, ct).ConfigureAwait(false);
    }

    /// <summary>RFC 7009: the server answers 200 (with an empty body) whether or not it knew the token.</summary>
    internal async Task RevokeAsync(string token, string clientId, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new KeyValuePair<string, string>("token", token),
            new KeyValuePair<string, string>("client_id", clientId),
        };
        using HttpResponseMessage response = await PostAsync("oauth/revoke", new StringContent(FormEncode(form), Encoding.ASCII, "application/x-www-form-urlencoded"), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string body = await ReadCappedAsync(response, ct).ConfigureAwait(false);
            throw Failure(GumloopOAuthProblem.SignedOut, "The sign-in could not be revoked", (int)response.StatusCode, body, new[] { token });
        }
    }

    public async Task<OAuthClientRegistration> RegisterClientAsync(string clientName, IReadOnlyList<Uri> redirectUris, string scope, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(clientName))
        {
            throw new ArgumentException("A client name is required.", nameof(clientName));
        }

        if (redirectUris == null || redirectUris.Count == 0)
        {
            throw new ArgumentException("At least one redirect URI is required.", nameof(redirectUris));
        }

        var body = new JsonMap
        {
            ["client_name"] = clientName,
            ["redirect_uris"] = new JsonList(redirectUris.Select(u => (object?)u.OriginalString)),
            ["grant_types"] = new JsonList { "authorization_code", "refresh_token" },
            ["response_types"] = new JsonList { "code" },
            ["token_endpoint_auth_method"] = "none",
            ["scope"] = scope,
        };
        var content = new ByteArrayContent(JsonWriting.SerializeToUtf8(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await PostAsync("oauth/register", content, ct).ConfigureAwait(false);
        string text = await ReadCappedAsync(response, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(GumloopOAuthProblem.RegistrationFailed, "The OAuth client could not be registered", (int)response.StatusCode, text, Array.Empty<string>());
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            OAuthClientRegistration registration = OAuthClientRegistration.FromJson(doc.RootElement);
            if (string.IsNullOrEmpty(registration.ClientId))
            {
                throw new GumloopResponseException($"Gumloop answered POST {RootUri}oauth/register with HTTP {(int)response.StatusCode} but no client_id.");
            }

            return registration;
        }
        catch (JsonException ex)
        {
            throw new GumloopResponseException($"Gumloop answered POST {RootUri}oauth/register with a body that is not JSON.", ex);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _http.Dispose();
        }
    }

    private async Task<OAuthTokenGrant> TokenRequestAsync(
        List<KeyValuePair<string, string>> form, GumloopOAuthProblem problem, string what, IReadOnlyList<string> secrets, CancellationToken ct)
    {
        using HttpResponseMessage response = await PostAsync("oauth/token", new StringContent(FormEncode(form), Encoding.ASCII, "application/x-www-form-urlencoded"), ct).ConfigureAwait(false);
        string text = await ReadCappedAsync(response, ct).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(problem, what, status, text, secrets);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            OAuthTokenGrant? grant = OAuthTokenGrant.FromJson(doc.RootElement);
            if (grant == null)
            {
                throw new GumloopOAuthException(problem, $"{what}: the token endpoint answered HTTP {status} without an access_token.") { StatusCode = status };
            }

            return grant;
        }
        catch (JsonException ex)
        {
            throw new GumloopOAuthException(problem, $"{what}: the token endpoint answered HTTP {status} with a body that is not JSON.", ex) { StatusCode = status };
        }
    }

    private async Task<HttpResponseMessage> PostAsync(string relative, HttpContent content, CancellationToken ct)
    {
        if (_disposed != 0)
        {
            throw new ObjectDisposedException(nameof(GumloopOAuthClient));
        }

        var uri = new Uri(RootUri, relative);
        using var timeoutCts = new CancellationTokenSource(RequestTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        try
        {
            return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested && timeoutCts.IsCancellationRequested)
        {
            throw new GumloopTimeoutException(
                string.Format(CultureInfo.InvariantCulture, "POST {0} did not complete within {1:0.###} seconds.", uri, RequestTimeout.TotalSeconds), RequestTimeout, ex)
            { Method = "POST", Url = uri.AbsoluteUri };
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
        {
            ct.ThrowIfCancellationRequested();
            throw new GumloopNetworkException($"Could not complete POST {uri}: {ex.GetBaseException().Message}", true, ex) { Method = "POST", Url = uri.AbsoluteUri };
        }
    }

    private GumloopOAuthException Failure(GumloopOAuthProblem problem, string what, int status, string body, IReadOnlyList<string> secrets)
    {
        string? error = null;
        string? description = null;
        string trimmed = body.Trim();
        if (trimmed.StartsWith("{", StringComparison.Ordinal))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(trimmed);
                JsonElement root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && JsonRead.TryGet(root, "error", out JsonElement e))
                {
                    if (e.ValueKind == JsonValueKind.String)
                    {
                        // The flat OAuth shape: {"error":"invalid_grant","error_description":"..."}.
                        error = e.GetString();
                        description = JsonRead.String(root, "error_description");
                    }
                    else if (e.ValueKind == JsonValueKind.Object)
                    {
                        error = JsonRead.String(e, "code");
                        description = JsonRead.String(e, "message");
                    }
                }
            }
            catch (JsonException)
            {
            }
        }

        description = RedactAll(description, secrets);
        var sb = new StringBuilder(what).Append(": HTTP ").Append(status.ToString(CultureInfo.InvariantCulture));
        if (error != null)
        {
            sb.Append(' ').Append(RedactAll(error, secrets));
        }

        if (!string.IsNullOrEmpty(description))
        {
            sb.Append(" (").Append(description).Append(')');
        }

        sb.Append('.');
        return new GumloopOAuthException(problem, sb.ToString())
        {
            OAuthError = error,
            OAuthErrorDescription = description,
            StatusCode = status,
            Method = "POST",
        };
    }

    internal static string? RedactAll(string? text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && text!.IndexOf(secret, StringComparison.Ordinal) >= 0)
            {
                text = text.Replace(secret, "****");
            }
        }

        return text;
    }

    // The same capped read as the API's error bodies: a token endpoint is no more trusted than the API.
    private static Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken ct) =>
        GumloopTransport.ReadCappedTextAsync(response, MaxBodyBytes, ct);

    internal static string FormEncode(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}

/// <summary>A token endpoint answer. Internal, and its ToString names no token, so it can never reach output.</summary>
internal sealed class OAuthTokenGrant
{
    public string AccessToken { get; private set; } = string.Empty;
    public string? RefreshToken { get; private set; }
    public int? ExpiresIn { get; private set; }
    public string? Scope { get; private set; }
    public string? TokenType { get; private set; }

    public static OAuthTokenGrant? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? access = JsonRead.String(root, "access_token");
        if (string.IsNullOrEmpty(access))
        {
            return null;
        }

        int? expires = null;
        if (JsonRead.TryGet(root, "expires_in", out JsonElement e))
        {
            // Some servers send the number as a string.
            if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int n))
            {
                expires = n;
            }
            else if (e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s))
            {
                expires = s;
            }
        }

        return new OAuthTokenGrant
        {
            AccessToken = access!,
            RefreshToken = JsonRead.String(root, "refresh_token") is { Length: > 0 } r ? r : null,
            ExpiresIn = expires,
            Scope = JsonRead.String(root, "scope"),
            TokenType = JsonRead.String(root, "token_type"),
        };
    }

    public override string ToString() => "OAuth token grant (scope " + (Scope ?? "unknown") + ")";
}

/// <summary>What <c>POST /oauth/register</c> returned.</summary>
public sealed class OAuthClientRegistration
{
    public string ClientId { get; private set; } = string.Empty;
    public string? ClientName { get; private set; }
    public IReadOnlyList<string> RedirectUris { get; private set; } = Array.Empty<string>();
    public string? Scope { get; private set; }

    internal static OAuthClientRegistration FromJson(JsonElement root)
    {
        var uris = new List<string>();
        if (root.ValueKind == JsonValueKind.Object && JsonRead.TryGet(root, "redirect_uris", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    uris.Add(item.GetString()!);
                }
            }
        }

        return new OAuthClientRegistration
        {
            ClientId = root.ValueKind == JsonValueKind.Object ? JsonRead.String(root, "client_id") ?? string.Empty : string.Empty,
            ClientName = root.ValueKind == JsonValueKind.Object ? JsonRead.String(root, "client_name") : null,
            RedirectUris = uris,
            Scope = root.ValueKind == JsonValueKind.Object ? JsonRead.String(root, "scope") : null,
        };
    }

    public override string ToString() => ClientId;
}
