using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// OAuth 2.0 on the root of the api host (API.md 2.3 and 10.1): authorize (auto-consent, or deny by directive),
    /// token (authorization_code with real PKCE S256 verification, refresh_token with rotation), revoke (RFC 7009)
    /// and dynamic registration. The signed-in browser user is always <see cref="UserId"/>.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private const string OAuthPrefix = "/oauth/";

        /// <summary>The pre-registered public client, as the official CLI's <c>gumloop_cli</c>.</summary>
        public const string OAuthCliClientId = "gumloop_cli";

        /// <summary>
        /// The authorize query parameter a test (playing the browser) adds to act as the user: <c>deny</c> answers
        /// <c>error=access_denied</c>; anything else, or nothing, consents.
        /// </summary>
        public const string ConsentDirective = "sim:consent";

        private static readonly string[] KnownScopes = { "gumloop_api", "userinfo", "gumloop" };

        private readonly Dictionary<string, SimOAuthClient> _oauthClients = new Dictionary<string, SimOAuthClient>(StringComparer.Ordinal)
        {
            [OAuthCliClientId] = new SimOAuthClient(OAuthCliClientId, "Gumloop CLI", new[] { "http://127.0.0.1:8765/callback" }, "gumloop_api userinfo"),
        };

        private readonly Dictionary<string, SimAuthCode> _oauthCodes = new Dictionary<string, SimAuthCode>(StringComparer.Ordinal);
        private readonly Dictionary<string, SimRefreshToken> _refreshTokens = new Dictionary<string, SimRefreshToken>(StringComparer.Ordinal);

        /// <summary>The client id of the pre-registered CLI client (redirect <c>http://127.0.0.1:8765/callback</c>, any loopback port).</summary>
        public string OAuthClientId => OAuthCliClientId;

        /// <summary>OAuth root: <c>http://127.0.0.1:&lt;port&gt;/</c>, where <c>/oauth/*</c> is served.</summary>
        public Uri OAuthRootUri => new Uri(BaseUri.GetLeftPart(UriPartial.Authority) + "/");

        /// <summary>
        /// Withdraws every OAuth grant, as a user removing the app's access would: refresh tokens are refused and
        /// the access tokens they bought answer 401.
        /// </summary>
        public void RevokeOAuthGrants()
        {
            lock (_gate)
                foreach (var token in _refreshTokens.Keys.ToList()) RevokeRefresh(token);
        }

        private SimResponse RouteOAuth(SimRequestContext req)
        {
            string path = req.RawPath.Substring(OAuthPrefix.Length);
            switch (path)
            {
                case "authorize" when req.Method == "GET": return Authorize(req);
                case "token" when req.Method == "POST": return Token(req);
                case "revoke" when req.Method == "POST": return Revoke(req);
                case "register" when req.Method == "POST": return Register(req);
                default: return SimResponse.Error(404, "not_found", $"No route for {req.Method} {req.RawPath}.");
            }
        }

        private SimResponse Authorize(SimRequestContext req)
        {
            string? clientId = req.Q("client_id");
            string? redirect = req.Q("redirect_uri");
            SimOAuthClient? client;
            lock (_gate) _oauthClients.TryGetValue(clientId ?? "", out client);

            // Without a known client and one of its redirect URIs there is nowhere safe to send the browser (RFC 6749 4.1.2.1).
            if (client == null)
                return SimResponse.Error(400, "invalid_client", "Unknown OAuth client_id.", "client_id");
            if (string.IsNullOrEmpty(redirect) || !client.Allows(redirect!))
                return SimResponse.Error(400, "invalid_request", "redirect_uri is missing or not registered for this client.", "redirect_uri");

            string? state = req.Q("state");
            if (req.Q("response_type") != "code")
                return RedirectError(redirect!, state, "unsupported_response_type", "Only response_type=code is supported.");
            string? challenge = req.Q("code_challenge");
            if (string.IsNullOrEmpty(challenge))
                return RedirectError(redirect!, state, "invalid_request", "code_challenge is required (PKCE).");
            if (req.Q("code_challenge_method") != "S256")
                return RedirectError(redirect!, state, "invalid_request", "code_challenge_method must be S256.");
            string? scope = req.Q("scope");
            if (string.IsNullOrWhiteSpace(scope))
                return RedirectError(redirect!, state, "invalid_request", "scope is required.");
            var scopes = scope!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var unknown = scopes.FirstOrDefault(s => Array.IndexOf(KnownScopes, s) < 0);
            if (unknown != null)
                return RedirectError(redirect!, state, "invalid_scope", $"Unknown scope '{unknown}'.");
            if (string.Equals(req.Q(ConsentDirective), "deny", StringComparison.OrdinalIgnoreCase))
                return RedirectError(redirect!, state, "access_denied", "The user denied the request.");

            var code = new SimAuthCode("glo_ac_" + RandomToken(32), client.ClientId, redirect!, challenge!, string.Join(" ", scopes), UserId,
                DateTimeOffset.UtcNow + Options.OAuthCodeLifetime);
            lock (_gate) _oauthCodes[code.Code] = code;
            var query = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("code", code.Code) };
            if (state != null) query.Add(new KeyValuePair<string, string>("state", state));
            return Redirect(redirect!, query);
        }

        private SimResponse Token(SimRequestContext req)
        {
            if (!IsForm(req))
                return OAuthError(400, "invalid_request", "The token endpoint takes application/x-www-form-urlencoded.");
            var form = SimText.ParseQuery(Encoding.UTF8.GetString(req.Body));
            form.TryGetValue("grant_type", out var grant);
            form.TryGetValue("client_id", out var clientId);
            if (string.IsNullOrEmpty(clientId))
                return OAuthError(400, "invalid_request", "client_id is required.");
            lock (_gate)
            {
                if (!_oauthClients.ContainsKey(clientId!))
                    return OAuthError(401, "invalid_client", "Unknown client_id.");
                switch (grant)
                {
                    case "authorization_code": return ExchangeCode(form, clientId!);
                    case "refresh_token": return RefreshGrant(form, clientId!);
                    case null:
                    case "": return OAuthError(400, "invalid_request", "grant_type is required.");
                    default: return OAuthError(400, "unsupported_grant_type", $"grant_type '{grant}' is not supported.");
                }
            }
        }

        // Called under _gate.
        private SimResponse ExchangeCode(Dictionary<string, string> form, string clientId)
        {
            form.TryGetValue("code", out var codeText);
            form.TryGetValue("redirect_uri", out var redirect);
            form.TryGetValue("code_verifier", out var verifier);
            if (string.IsNullOrEmpty(codeText) || string.IsNullOrEmpty(redirect) || string.IsNullOrEmpty(verifier))
                return OAuthError(400, "invalid_request", "code, redirect_uri and code_verifier are required.");
            if (!_oauthCodes.TryGetValue(codeText!, out var code) || code.ClientId != clientId)
                return OAuthError(400, "invalid_grant", "The authorization code is not valid.");
            if (code.Used)
            {
                // A replayed code may mean it was stolen: what it bought is withdrawn too (RFC 6749 4.1.2).
                foreach (var rt in code.Issued) RevokeRefresh(rt);
                return OAuthError(400, "invalid_grant", "The authorization code has already been used.");
            }
            if (DateTimeOffset.UtcNow >= code.ExpiresAt)
                return OAuthError(400, "invalid_grant", "The authorization code has expired.");
            if (!string.Equals(redirect, code.RedirectUri, StringComparison.Ordinal))
                return OAuthError(400, "invalid_grant", "redirect_uri does not match the authorization request.");
            if (!IsValidVerifier(verifier!) || !string.Equals(S256(verifier!), code.Challenge, StringComparison.Ordinal))
                return OAuthError(400, "invalid_grant", "PKCE verification failed: the code_verifier does not match the code_challenge.");
            code.Used = true;
            var refresh = IssueTokens(clientId, code.UserId, code.Scope, out var access);
            code.Issued.Add(refresh.Token);
            return TokenResponse(access, refresh.Token, code.Scope);
        }

        // Called under _gate.
        private SimResponse RefreshGrant(Dictionary<string, string> form, string clientId)
        {
            form.TryGetValue("refresh_token", out var token);
            if (string.IsNullOrEmpty(token))
                return OAuthError(400, "invalid_request", "refresh_token is required.");
            if (!_refreshTokens.TryGetValue(token!, out var refresh) || refresh.ClientId != clientId)
                return OAuthError(400, "invalid_grant", "The refresh token is not valid.");
            if (refresh.Revoked)
                return OAuthError(400, "invalid_grant", "The refresh token has been revoked.");

            // Rotation: the old refresh token stops working once the new one is issued.
            refresh.Revoked = true;
            var next = IssueTokens(clientId, refresh.UserId, refresh.Scope, out var access);
            return TokenResponse(access, next.Token, refresh.Scope);
        }

        // Called under _gate.
        private SimRefreshToken IssueTokens(string clientId, string userId, string scope, out string access)
        {
            access = "glo_at_" + RandomToken(32);
            var refresh = new SimRefreshToken("glo_rt_" + RandomToken(32), clientId, userId, scope);
            refresh.AccessTokens.Add(access);
            _refreshTokens[refresh.Token] = refresh;
            _credentials[access] = new SimCredential(CredentialKind.AccessToken, userId, null) { ExpiresAt = DateTimeOffset.UtcNow + Options.OAuthTokenLifetime, Scope = scope };
            return refresh;
        }

        private SimResponse TokenResponse(string access, string refresh, string scope)
        {
            long seconds = Math.Max(1, (long)Math.Ceiling(Options.OAuthTokenLifetime.TotalSeconds));
            var r = SimResponse.Json(200, w =>
            {
                w.WriteStartObject();
                w.WriteString("access_token", access);
                w.WriteString("token_type", "Bearer");
                w.WriteNumber("expires_in", seconds);
                w.WriteString("scope", scope);
                w.WriteString("refresh_token", refresh);
                w.WriteEndObject();
            });
            r.Headers.Add(new KeyValuePair<string, string>("Cache-Control", "no-store"));
            return r;
        }

        private SimResponse Revoke(SimRequestContext req)
        {
            if (!IsForm(req))
                return OAuthError(400, "invalid_request", "The revoke endpoint takes application/x-www-form-urlencoded.");
            var form = SimText.ParseQuery(Encoding.UTF8.GetString(req.Body));
            if (!form.TryGetValue("token", out var token) || string.IsNullOrEmpty(token))
                return OAuthError(400, "invalid_request", "token is required.");
            lock (_gate)
            {
                if (_refreshTokens.ContainsKey(token))
                    RevokeRefresh(token);
                else if (_credentials.TryGetValue(token, out var c) && c.Kind == CredentialKind.AccessToken && c.ExpiresAt.HasValue)
                    c.Expired = true;
            }
            // RFC 7009 2.2: 200 whether or not the token was known, with an empty body.
            return new SimResponse { Status = 200, ContentType = "application/json", Body = Array.Empty<byte>() };
        }

        // Called under _gate.
        private void RevokeRefresh(string token)
        {
            if (!_refreshTokens.TryGetValue(token, out var refresh)) return;
            refresh.Revoked = true;
            foreach (var access in refresh.AccessTokens)
                if (_credentials.TryGetValue(access, out var c)) c.Expired = true;
        }

        private SimResponse Register(SimRequestContext req)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(req.Body.Length == 0 ? Encoding.UTF8.GetBytes("null") : req.Body);
            }
            catch (JsonException)
            {
                return SimResponse.Error(400, "invalid_request", "The body must be JSON.");
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    return SimResponse.Error(400, "invalid_request", "The body must be a JSON object.");
                string name = root.TryGetProperty("client_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                if (!root.TryGetProperty("redirect_uris", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                    return SimResponse.Error(400, "invalid_request", "redirect_uris must be a non-empty list.", "redirect_uris");
                var uris = new List<string>();
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || !Uri.TryCreate(item.GetString(), UriKind.Absolute, out var uri)
                        || !(uri.Scheme == "https" || (uri.Scheme == "http" && IsLoopbackHost(uri.Host))) || uri.Fragment.Length > 0)
                        return SimResponse.Error(400, "invalid_request", "Each redirect URI must be absolute, without a fragment, and https unless it is a loopback address.", "redirect_uris");
                    uris.Add(item.GetString()!);
                }
                string scope = root.TryGetProperty("scope", out var sc) && sc.ValueKind == JsonValueKind.String && sc.GetString()!.Trim().Length > 0
                    ? sc.GetString()!.Trim() : "gumloop_api userinfo";
                var unknown = scope.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => Array.IndexOf(KnownScopes, s) < 0);
                if (unknown != null)
                    return SimResponse.Error(400, "invalid_request", $"Unknown scope '{unknown}'.", "scope");
                if (root.TryGetProperty("token_endpoint_auth_method", out var auth) && auth.ValueKind == JsonValueKind.String && auth.GetString() != "none")
                    return SimResponse.Error(400, "invalid_request", "Only public clients (token_endpoint_auth_method \"none\") can be registered.", "token_endpoint_auth_method");

                var client = new SimOAuthClient("oc_" + RandomToken(12), name, uris.ToArray(), scope);
                lock (_gate) _oauthClients[client.ClientId] = client;
                return SimResponse.Json(201, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("client_id", client.ClientId);
                    w.WriteString("client_name", client.Name);
                    w.WriteStartArray("redirect_uris");
                    foreach (var u in client.RedirectUris) w.WriteStringValue(u);
                    w.WriteEndArray();
                    w.WriteStartArray("grant_types");
                    w.WriteStringValue("authorization_code");
                    w.WriteStringValue("refresh_token");
                    w.WriteEndArray();
                    w.WriteStartArray("response_types");
                    w.WriteStringValue("code");
                    w.WriteEndArray();
                    w.WriteString("token_endpoint_auth_method", "none");
                    w.WriteString("scope", client.Scope);
                    w.WriteEndObject();
                });
            }
        }

        private static bool IsForm(SimRequestContext req)
        {
            var type = req.Http.Request.ContentType ?? "";
            return type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>RFC 7636 4.1: 43 to 128 characters from the unreserved set.</summary>
        private static bool IsValidVerifier(string v)
        {
            if (v.Length < 43 || v.Length > 128) return false;
            foreach (char c in v)
            {
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
                if (!ok) return false;
            }
            return true;
        }

        private static string S256(string verifier)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        }

        internal static bool IsLoopbackHost(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>The flat OAuth error shape: <c>{"error":"invalid_grant","error_description":"..."}</c>.</summary>
        private static SimResponse OAuthError(int status, string error, string description)
            => SimResponse.Json(status, w =>
            {
                w.WriteStartObject();
                w.WriteString("error", error);
                w.WriteString("error_description", description);
                w.WriteEndObject();
            });

        private static SimResponse RedirectError(string redirect, string? state, string error, string description)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("error", error),
                new KeyValuePair<string, string>("error_description", description),
            };
            if (state != null) query.Add(new KeyValuePair<string, string>("state", state));
            return Redirect(redirect, query);
        }

        private static SimResponse Redirect(string target, List<KeyValuePair<string, string>> query)
        {
            var sb = new StringBuilder(target);
            sb.Append(target.IndexOf('?') >= 0 ? '&' : '?');
            sb.Append(string.Join("&", query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
            var r = SimResponse.Raw(302, "text/html; charset=utf-8", "<html><body>Redirecting.</body></html>");
            r.Headers.Add(new KeyValuePair<string, string>("Location", sb.ToString()));
            r.Headers.Add(new KeyValuePair<string, string>("Cache-Control", "no-store"));
            return r;
        }
    }

    internal sealed class SimOAuthClient
    {
        public SimOAuthClient(string clientId, string name, string[] redirectUris, string scope)
        {
            ClientId = clientId; Name = name; RedirectUris = redirectUris; Scope = scope;
        }

        public string ClientId { get; }
        public string Name { get; }
        public string[] RedirectUris { get; }
        public string Scope { get; }

        /// <summary>Exact match, or for a loopback registration the same URI on any port (RFC 8252 7.3).</summary>
        public bool Allows(string redirect)
        {
            if (Array.IndexOf(RedirectUris, redirect) >= 0) return true;
            if (!Uri.TryCreate(redirect, UriKind.Absolute, out var asked) || asked.Scheme != "http" || !GumloopSimulator.IsLoopbackHost(asked.Host)) return false;
            foreach (var registered in RedirectUris)
            {
                if (Uri.TryCreate(registered, UriKind.Absolute, out var r) && r.Scheme == "http" && string.Equals(r.Host, asked.Host, StringComparison.OrdinalIgnoreCase)
                    && r.AbsolutePath == asked.AbsolutePath && r.Query == asked.Query)
                    return true;
            }
            return false;
        }
    }

    internal sealed class SimAuthCode
    {
        public SimAuthCode(string code, string clientId, string redirectUri, string challenge, string scope, string userId, DateTimeOffset expiresAt)
        {
            Code = code; ClientId = clientId; RedirectUri = redirectUri; Challenge = challenge; Scope = scope; UserId = userId; ExpiresAt = expiresAt;
        }

        public string Code { get; }
        public string ClientId { get; }
        public string RedirectUri { get; }
        public string Challenge { get; }
        public string Scope { get; }
        public string UserId { get; }
        public DateTimeOffset ExpiresAt { get; }
        public bool Used { get; set; }
        public List<string> Issued { get; } = new List<string>();
    }

    internal sealed class SimRefreshToken
    {
        public SimRefreshToken(string token, string clientId, string userId, string scope)
        {
            Token = token; ClientId = clientId; UserId = userId; Scope = scope;
        }

        public string Token { get; }
        public string ClientId { get; }
        public string UserId { get; }
        public string Scope { get; }
        public bool Revoked { get; set; }
        public List<string> AccessTokens { get; } = new List<string>();
    }
}
