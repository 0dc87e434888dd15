using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// An in-process fake of the Gumloop API. Two loopback listeners play api.gumloop.com and ws.gumloop.com, so the
    /// client's host-derivation and wrong-host handling get exercised exactly as against the real service.
    /// </summary>
    public sealed partial class GumloopSimulator : IDisposable
    {
        private const string ApiPrefix = "/api/v1";

        // One lock for all mutable API state: the fake is small, and a single lock makes the state machine easy to trust.
        private readonly object _gate = new object();
        private readonly object _logGate = new object();
        private readonly List<SimulatorRequest> _log = new List<SimulatorRequest>();
        private readonly HashSet<string> _endpoints = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<FaultRule> _faults = new List<FaultRule>();
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private HttpListener? _apiListener;
        private HttpListener? _streamListener;
        private int _state; // 0 = created, 1 = running, 2 = stopped
        private long _serviceCount;
        private double _serviceTotalMs;
        private double _serviceMaxMs;
        private List<double> _lastStreamDeltas = new List<double>();

        private readonly string _apiKeyText;
        private readonly string _teamKeyText;
        private readonly SecureString _apiKey;
        private readonly SecureString _teamKey;

        private GumloopSimulator(SimulatorOptions options)
        {
            Options = options;
            UserId = SeedUserId;
            TeamId = SeedTeamId;
            _apiKeyText = NewSecret("gl_sk_");
            _teamKeyText = NewSecret("gl_tk_");
            _apiKey = ToSecure(_apiKeyText);
            _teamKey = ToSecure(_teamKeyText);
            InitState();
            _credentials[_apiKeyText] = new SimCredential(CredentialKind.ApiKey, UserId, null);
            _credentials[_teamKeyText] = new SimCredential(CredentialKind.TeamKey, UserId, TeamId);
            BaseUri = new Uri("http://127.0.0.1/");
            StreamBaseUri = BaseUri;
        }

        /// <summary>Starts a simulator on two free loopback ports.</summary>
        public static GumloopSimulator Start(SimulatorOptions? options = null)
        {
            var sim = new GumloopSimulator(options ?? new SimulatorOptions());
            try
            {
                sim.Listen();
                return sim;
            }
            catch
            {
                sim.Dispose();
                throw;
            }
        }

        /// <summary>http://127.0.0.1:&lt;port&gt;/api/v1, playing api.gumloop.com.</summary>
        public Uri BaseUri { get; private set; }

        /// <summary>http://127.0.0.1:&lt;port2&gt;/api/v1, playing ws.gumloop.com.</summary>
        public Uri StreamBaseUri { get; private set; }

        /// <summary>Personal API key of <see cref="UserId"/> (needs <c>x-auth-key: UserId</c>).</summary>
        public SecureString ApiKey => _apiKey;

        public string UserId { get; }

        /// <summary>The team every simulated user belongs to and every seeded agent is owned by.</summary>
        public string TeamId { get; }

        /// <summary>Team key of <see cref="TeamId"/>; needs <c>x-auth-key: UserId</c> and <c>?team_id=TeamId</c> on the api host.</summary>
        public SecureString TeamApiKey => _teamKey;

        public SimulatorOptions Options { get; }

        public bool IsRunning => Volatile.Read(ref _state) == 1;

        internal string ApiKeyText => _apiKeyText;
        internal string TeamApiKeyText => _teamKeyText;

        public IReadOnlyList<SimulatorRequest> RequestLog
        {
            get { lock (_logGate) return _log.ToArray(); }
        }

        public void ClearRequestLog()
        {
            lock (_logGate) _log.Clear();
        }

        /// <summary>Distinct client endpoints (address:port) seen, i.e. TCP connections opened by clients.</summary>
        public int ConnectionCount
        {
            get { lock (_logGate) return _endpoints.Count; }
        }

        public SimulatorServiceTime ServiceTime
        {
            get { lock (_logGate) return new SimulatorServiceTime(_serviceCount, _serviceTotalMs, _serviceMaxMs); }
        }

        /// <summary>
        /// Milliseconds from the arrival of the most recent stream request to each text-delta event the simulator had
        /// written on it, by the simulator's own clock: what a client's latency is measured against. Read it after the
        /// client has seen the final event; every delta is written before that.
        /// </summary>
        public double[] LastStreamTextDeltaMilliseconds
        {
            get { lock (_logGate) return _lastStreamDeltas.ToArray(); }
        }

        /// <summary>Registers <paramref name="userId"/> (if new) and returns a fresh personal API key for it.</summary>
        public SecureString AddUser(string userId, string firstName, string lastName)
        {
            if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("A user id is required.", nameof(userId));
            var key = NewSecret("gl_sk_");
            lock (_gate)
            {
                if (!_users.ContainsKey(userId))
                    _users[userId] = new SimUser(userId, firstName ?? "", lastName ?? "", MakeEmail(firstName, lastName));
                _credentials[key] = new SimCredential(CredentialKind.ApiKey, userId, null);
            }
            return ToSecure(key);
        }

        /// <summary>An OAuth-style access token for <paramref name="userId"/> (default user); it needs no x-auth-key.</summary>
        /// <param name="scope">The scopes it was granted, space-separated; null grants every scope. Without gumloop_api the API answers 403 insufficient_scope.</param>
        public SecureString CreateAccessToken(string? userId = null, string? scope = null)
        {
            var uid = userId ?? UserId;
            var token = NewSecret("gl_at_");
            lock (_gate)
            {
                if (!_users.ContainsKey(uid)) throw new ArgumentException($"Unknown user '{uid}'. Register it with AddUser first.", nameof(userId));
                _credentials[token] = new SimCredential(CredentialKind.AccessToken, uid, null) { Scope = scope };
            }
            return ToSecure(token);
        }

        /// <summary>Makes an access token answer 401 invalid_token ("expired"), to exercise refresh handling.</summary>
        public void ExpireAccessToken(SecureString token)
        {
            var text = FromSecure(token);
            lock (_gate)
            {
                if (_credentials.TryGetValue(text, out var c) && c.Kind == CredentialKind.AccessToken) c.Expired = true;
            }
        }

        public void AddFault(FaultRule rule)
        {
            if (rule is null) throw new ArgumentNullException(nameof(rule));
            lock (_faults) _faults.Add(rule);
        }

        public void ClearFaults()
        {
            lock (_faults) _faults.Clear();
        }

        public void Stop()
        {
            if (Interlocked.Exchange(ref _state, 2) == 2) return;
            try { _stopping.Cancel(); } catch (ObjectDisposedException) { }
            CloseListener(_apiListener);
            CloseListener(_streamListener);
            lock (_gate) StopAllTurns();
        }

        public void Dispose()
        {
            Stop();
        }

        public override string ToString() => $"GumloopSimulator api={BaseUri} stream={StreamBaseUri} running={IsRunning}";

        private static void CloseListener(HttpListener? l)
        {
            if (l == null) return;
            try { l.Stop(); } catch (ObjectDisposedException) { } catch (HttpListenerException) { }
            try { l.Close(); } catch (ObjectDisposedException) { } catch (HttpListenerException) { }
        }

        private void Listen()
        {
            _apiListener = Bind(out int apiPort, out string apiHost);
            _streamListener = Bind(out int streamPort, out string streamHost);
            BaseUri = new Uri($"http://{apiHost}:{apiPort}{ApiPrefix}");
            StreamBaseUri = new Uri($"http://{streamHost}:{streamPort}{ApiPrefix}");
            Volatile.Write(ref _state, 1);
            _ = AcceptLoopAsync(_apiListener, "api");
            _ = AcceptLoopAsync(_streamListener, "stream");
        }

        private static HttpListener Bind(out int port, out string host)
        {
            // The free port can be taken between probing and binding by another process; a few retries make that race harmless.
            for (int attempt = 0; ; attempt++)
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                foreach (var candidate in new[] { "127.0.0.1", "localhost" })
                {
                    var listener = new HttpListener();
                    listener.Prefixes.Add($"http://{candidate}:{port}/");
                    try
                    {
                        listener.Start();
                        host = candidate;
                        return listener;
                    }
                    catch (HttpListenerException ex) when (ex.ErrorCode == 5 && candidate != "localhost")
                    {
                        // http.sys may refuse a literal-IP prefix to a non-admin user but always allows localhost.
                        listener.Close();
                    }
                    catch (HttpListenerException) when (attempt < 20)
                    {
                        listener.Close();
                        break;
                    }
                }
            }
        }

        private async Task AcceptLoopAsync(HttpListener listener, string host)
        {
            while (IsRunning)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (!IsRunning)
                {
                    return;
                }
                catch (HttpListenerException)
                {
                    continue;
                }
                catch (InvalidOperationException)
                {
                    return;
                }
                // Each request on its own task so a stalled or streaming response never holds up the next accept.
                _ = Task.Run(() => HandleAsync(ctx, host));
            }
        }

        private async Task HandleAsync(HttpListenerContext ctx, string host)
        {
            var sw = Stopwatch.StartNew();
            SimRequestContext? req = null;
            bool logged = false;
            try
            {
                req = await ReadRequestAsync(ctx, host).ConfigureAwait(false);
                var fault = TakeFault(req);
                if (fault != null && fault.Kind == SimulatorFaultKind.Stall)
                {
                    await Task.Delay(Math.Max(0, fault.StallMs), _stopping.Token).ConfigureAwait(false);
                    fault = null;
                }
                if (fault != null && !fault.AfterProcessing)
                {
                    logged = true;
                    await ApplyFaultAsync(req, fault, null).ConfigureAwait(false);
                    return;
                }
                var response = Process(req);
                logged = true;
                if (fault != null)
                    await ApplyFaultAsync(req, fault, response).ConfigureAwait(false);
                else
                    await SendAsync(req, response).ConfigureAwait(false);
            }
            catch (Exception)
            {
                if (req != null && !logged) Log(req, 0);
                SimReset.Reset(ctx);
            }
            finally
            {
                sw.Stop();
                lock (_logGate)
                {
                    _serviceCount++;
                    _serviceTotalMs += sw.Elapsed.TotalMilliseconds;
                    if (sw.Elapsed.TotalMilliseconds > _serviceMaxMs) _serviceMaxMs = sw.Elapsed.TotalMilliseconds;
                }
            }
        }

        private async Task<SimRequestContext> ReadRequestAsync(HttpListenerContext ctx, string host)
        {
            var r = ctx.Request;
            var req = new SimRequestContext { Http = ctx, Host = host, Method = r.HttpMethod.ToUpperInvariant() };
            string raw = r.RawUrl ?? "/";
            if (raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                int slash = raw.IndexOf('/', raw.IndexOf("//", StringComparison.Ordinal) + 2);
                raw = slash < 0 ? "/" : raw.Substring(slash);
            }
            int hash = raw.IndexOf('#');
            if (hash >= 0) raw = raw.Substring(0, hash);
            int q = raw.IndexOf('?');
            req.RawPath = q < 0 ? raw : raw.Substring(0, q);
            req.RawQuery = q < 0 ? "" : raw.Substring(q + 1);
            req.Query = SimText.ParseQuery(req.RawQuery);
            req.Segments = SplitPath(req.RawPath, out req.RelativeRawPath);
            req.SentSegments = req.Segments;
            req.Authorization = r.Headers["Authorization"];
            req.AuthKey = r.Headers["x-auth-key"];
            var incomingId = r.Headers["x-request-id"];
            req.RequestId = !string.IsNullOrEmpty(incomingId) && incomingId!.Length <= 200 ? incomingId : "req_" + RandomToken(16);
            if (req.Authorization != null)
            {
                var a = req.Authorization.Trim();
                if (a.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) req.Bearer = a.Substring(7).Trim();
            }
            lock (_logGate)
            {
                var ep = r.RemoteEndPoint?.ToString();
                if (ep != null) _endpoints.Add(ep);
            }
            if (r.HasEntityBody)
            {
                using var ms = new MemoryStream();
                var buffer = new byte[16384];
                int n;
                while ((n = await r.InputStream.ReadAsync(buffer, 0, buffer.Length, _stopping.Token).ConfigureAwait(false)) > 0)
                {
                    if (ms.Length + n > Options.MaxRequestBodyBytes) { req.BodyTooLarge = true; break; }
                    ms.Write(buffer, 0, n);
                }
                req.Body = ms.ToArray();
            }
            return req;
        }

        /// <summary>
        /// Splits on '/' before unescaping, so an id such as <c>a%2Fb</c> stays one segment and can never select another route.
        /// </summary>
        internal static string[]? SplitPath(string rawPath, out string relative)
        {
            relative = rawPath;
            if (!rawPath.StartsWith(ApiPrefix, StringComparison.Ordinal)) return null;
            relative = rawPath.Substring(ApiPrefix.Length);
            if (relative.Length == 0) return Array.Empty<string>();
            if (relative[0] != '/') return null;
            var parts = relative.Substring(1).Split('/');
            var segs = new string[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                try
                {
                    segs[i] = Uri.UnescapeDataString(parts[i]);
                }
                catch (UriFormatException)
                {
                    return null;
                }
            }
            return segs;
        }

        private SimulatorFault? TakeFault(SimRequestContext req)
        {
            lock (_faults)
            {
                foreach (var rule in _faults)
                {
                    if (rule.TryTake(req.Host, req.Method, req.RawPath, req.RelativeRawPath, out var fault)) return fault;
                }
            }
            return null;
        }

        private SimResponse Process(SimRequestContext req)
        {
            try
            {
                // OAuth lives on the root of the api host, outside /api/v1, and takes no bearer.
                if (!req.IsStreamHost && req.RawPath.StartsWith(OAuthPrefix, StringComparison.Ordinal))
                    return RouteOAuth(req);
                // Artifact and skill downloads: signed URLs of the storage host, which take no Gumloop credential (SimSignedLinks.cs).
                if (!req.IsStreamHost && SignedLinkScheme(req.RawPath) is string scheme)
                    return ServeSignedLink(req, scheme);
                if (req.Segments == null)
                    return SimResponse.Error(404, "not_found", $"No route for {req.Method} {req.RawPath}.");
                if (req.BodyTooLarge)
                    return SimResponse.Error(413, "payload_too_large", "The request body is too large.");
                var authError = Authenticate(req);
                if (authError != null) return authError;
                return Route(req);
            }
            catch (Exception ex)
            {
                return SimResponse.Error(500, "internal_error", "The simulator failed: " + ex.GetType().Name + ": " + ex.Message);
            }
        }

        private void Log(SimRequestContext req, int status)
        {
            var r = req.Http.Request;
            // A legacy ?api_key= is the credential: the log keeps it there, as it keeps a bearer, and masks it in the query.
            string? queryKey = req.Q("api_key");
            string query = queryKey == null ? req.RawQuery : SimText.MaskQueryValue(req.RawQuery, "api_key");
            var entry = new SimulatorRequest(DateTimeOffset.UtcNow, req.Host, req.Method, req.RawPath, req.SentSegments ?? Array.Empty<string>(),
                query, status, req.Bearer ?? req.Authorization ?? queryKey, req.AuthKey, r.UserAgent, r.RemoteEndPoint?.ToString(), req.Body.LongLength,
                req.RequestId, req.Body.Length > 0 && req.Body.Length <= SimulatorRequest.MaxLoggedBodyBytes ? Encoding.UTF8.GetString(req.Body) : null);
            lock (_logGate) _log.Add(entry);
        }

        private void PrepareHeaders(SimRequestContext req, SimResponse resp)
        {
            var h = req.Http.Response;
            h.StatusCode = resp.Status;
            h.ContentType = resp.ContentType;
            h.Headers["x-request-id"] = req.RequestId;
            foreach (var kv in resp.Headers) h.Headers[kv.Key] = kv.Value;
        }

        private async Task SendAsync(SimRequestContext req, SimResponse resp)
        {
            var http = req.Http.Response;
            if (resp.Sse != null)
            {
                await StreamAsync(req, resp).ConfigureAwait(false);
                return;
            }
            PrepareHeaders(req, resp);
            Log(req, resp.Status);
            try
            {
                if (resp.Writer != null)
                {
                    http.SendChunked = true;
                    await resp.Writer(http.OutputStream, _stopping.Token).ConfigureAwait(false);
                }
                else
                {
                    var body = resp.Body ?? Array.Empty<byte>();
                    http.ContentLength64 = body.Length;
                    if (body.Length > 0) await http.OutputStream.WriteAsync(body, 0, body.Length, _stopping.Token).ConfigureAwait(false);
                }
                http.Close();
            }
            catch (Exception)
            {
                try { http.Abort(); } catch (Exception) { }
            }
        }

        private static async Task<byte[]> MaterialiseAsync(SimResponse resp, CancellationToken ct)
        {
            if (resp.Body != null) return resp.Body;
            if (resp.Writer == null) return Array.Empty<byte>();
            using var ms = new MemoryStream();
            await resp.Writer(ms, ct).ConfigureAwait(false);
            return ms.ToArray();
        }

        private async Task ApplyFaultAsync(SimRequestContext req, SimulatorFault fault, SimResponse? real)
        {
            var http = req.Http.Response;
            switch (fault.Kind)
            {
                case SimulatorFaultKind.ResetBeforeHeaders:
                    Log(req, 0);
                    SimReset.Reset(req.Http);
                    return;
                case SimulatorFaultKind.ResetAfterHeaders:
                case SimulatorFaultKind.TruncatedBody:
                {
                    var r = real ?? SimResponse.Error(500, "internal_error", "fault");
                    if (r.Sse != null) r = SimResponse.Raw(200, "text/event-stream", "event: message\ndata: {}\n\n");
                    var body = await MaterialiseAsync(r, _stopping.Token).ConfigureAwait(false);
                    PrepareHeaders(req, r);
                    Log(req, r.Status);
                    // Announce the full length so the client can tell the body was cut short, then reset.
                    http.ContentLength64 = Math.Max(body.Length, 2);
                    int send = fault.Kind == SimulatorFaultKind.TruncatedBody ? Math.Max(1, body.Length / 2) : 0;
                    try
                    {
                        await http.OutputStream.WriteAsync(body, 0, Math.Min(send, body.Length)).ConfigureAwait(false);
                        await http.OutputStream.FlushAsync().ConfigureAwait(false);
                        await Task.Delay(20, _stopping.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        SimReset.Reset(req.Http);
                    }
                    return;
                }
                case SimulatorFaultKind.StallAfterHeaders:
                {
                    var r = real ?? SimResponse.Error(500, "internal_error", "fault");
                    var body = r.Sse != null ? Encoding.UTF8.GetBytes("event: message\ndata: {}\n\n") : await MaterialiseAsync(r, _stopping.Token).ConfigureAwait(false);
                    PrepareHeaders(req, r);
                    Log(req, r.Status);
                    http.ContentLength64 = body.Length;
                    try
                    {
                        // A zero-byte write plus flush puts the headers on the wire without any body.
                        await http.OutputStream.WriteAsync(body, 0, 0).ConfigureAwait(false);
                        await http.OutputStream.FlushAsync().ConfigureAwait(false);
                        await Task.Delay(Math.Max(0, fault.StallMs), _stopping.Token).ConfigureAwait(false);
                        await http.OutputStream.WriteAsync(body, 0, body.Length, _stopping.Token).ConfigureAwait(false);
                        http.Close();
                    }
                    catch (Exception)
                    {
                        try { http.Abort(); } catch (Exception) { }
                    }
                    return;
                }
                case SimulatorFaultKind.MalformedJson:
                {
                    var r = real ?? SimResponse.Error(500, "internal_error", "fault");
                    var body = r.Sse != null ? Encoding.UTF8.GetBytes("{\"session\":{\"id\":") : await MaterialiseAsync(r, _stopping.Token).ConfigureAwait(false);
                    var cut = new byte[Math.Max(1, body.Length / 2)];
                    Array.Copy(body, cut, Math.Min(cut.Length, body.Length));
                    await SendAsync(req, new SimResponse { Status = 200, Body = cut }).ConfigureAwait(false);
                    return;
                }
                case SimulatorFaultKind.Status:
                {
                    SimResponse r;
                    if (fault.Body != null)
                        r = SimResponse.Raw(fault.StatusCode, LooksLikeJson(fault.Body) ? "application/json; charset=utf-8" : "text/plain; charset=utf-8", fault.Body);
                    else if (fault.StatusCode == 429)
                        r = SimResponse.Raw(429, "application/json; charset=utf-8", "{\"error\":\"gummie_rate_limit\"}");
                    else
                        r = SimResponse.Error(fault.StatusCode, DefaultCode(fault.StatusCode), $"Injected HTTP {fault.StatusCode}.");
                    if (fault.RetryAfter != null) r.Headers.Add(new KeyValuePair<string, string>("Retry-After", fault.RetryAfter));
                    await SendAsync(req, r).ConfigureAwait(false);
                    return;
                }
                case SimulatorFaultKind.RawBytes:
                {
                    var raw = new SimResponse { Status = fault.StatusCode, Body = fault.Bytes, ContentType = fault.ContentType ?? "application/json" };
                    await SendAsync(req, raw).ConfigureAwait(false);
                    return;
                }
                case SimulatorFaultKind.HtmlBody:
                    await SendAsync(req, SimResponse.Raw(fault.StatusCode, "text/html; charset=utf-8",
                        $"<html><head><title>{fault.StatusCode} Bad Gateway</title></head><body><center><h1>{fault.StatusCode} Bad Gateway</h1></center><hr><center>nginx</center></body></html>")).ConfigureAwait(false);
                    return;
                case SimulatorFaultKind.EmptyBody200:
                    await SendAsync(req, new SimResponse { Status = 200, Body = Array.Empty<byte>() }).ConfigureAwait(false);
                    return;
                case SimulatorFaultKind.EchoAuthorization:
                    await SendAsync(req, EchoAuthorization(req)).ConfigureAwait(false);
                    return;
                case SimulatorFaultKind.HugeBody:
                    await SendAsync(req, HugeBody(fault.Size)).ConfigureAwait(false);
                    return;
                case SimulatorFaultKind.HugeTranscript:
                    await SendAsync(req, HugeTranscript(req, (int)fault.Size)).ConfigureAwait(false);
                    return;
                case SimulatorFaultKind.DeepJson:
                {
                    int depth = (int)Math.Max(1, fault.Size);
                    var sb = new StringBuilder(depth * 6 + 2);
                    for (int i = 0; i < depth; i++) sb.Append("{\"d\":");
                    sb.Append("{}");
                    sb.Append('}', depth);
                    await SendAsync(req, SimResponse.Raw(200, "application/json; charset=utf-8", sb.ToString())).ConfigureAwait(false);
                    return;
                }
                default:
                    await SendAsync(req, real ?? Process(req)).ConfigureAwait(false);
                    return;
            }
        }

        private static bool LooksLikeJson(string body)
        {
            var t = body.TrimStart();
            return t.StartsWith("{", StringComparison.Ordinal) || t.StartsWith("[", StringComparison.Ordinal);
        }

        private static string DefaultCode(int status)
        {
            switch (status)
            {
                case 400: return "invalid_request";
                case 401: return "invalid_token";
                case 403: return "permission_denied";
                case 404: return "not_found";
                case 409: return "conflict";
                case 500: return "internal_error";
                case 502: return "bad_gateway";
                case 503: return "service_unavailable";
                case 504: return "gateway_timeout";
                default: return "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        internal static SimResponse EchoAuthorization(SimRequestContext req)
        {
            var auth = req.Authorization ?? "";
            return SimResponse.Error(500, "internal_error", "Unhandled error while processing a request with Authorization: " + auth, null,
                w => w.WriteString("authorization", auth));
        }

        private static SimResponse HugeBody(long bytes)
        {
            long padding = Math.Max(0, bytes - 16);
            return new SimResponse
            {
                Status = 200,
                Writer = async (stream, ct) =>
                {
                    var head = Encoding.ASCII.GetBytes("{\"padding\":\"");
                    await stream.WriteAsync(head, 0, head.Length, ct).ConfigureAwait(false);
                    var chunk = new byte[65536];
                    for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)'x';
                    long left = padding;
                    while (left > 0)
                    {
                        int n = (int)Math.Min(left, chunk.Length);
                        await stream.WriteAsync(chunk, 0, n, ct).ConfigureAwait(false);
                        left -= n;
                    }
                    var tail = Encoding.ASCII.GetBytes("\"}");
                    await stream.WriteAsync(tail, 0, tail.Length, ct).ConfigureAwait(false);
                },
            };
        }

        private static string NewSecret(string prefix) => prefix + RandomToken(32);

        internal static string RandomToken(int length)
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            var bytes = new byte[length];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = alphabet[bytes[i] % alphabet.Length];
            return new string(chars);
        }

        private static SecureString ToSecure(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }

        private static string FromSecure(SecureString s)
        {
            IntPtr p = IntPtr.Zero;
            try
            {
                p = System.Runtime.InteropServices.Marshal.SecureStringToGlobalAllocUnicode(s);
                return System.Runtime.InteropServices.Marshal.PtrToStringUni(p) ?? "";
            }
            finally
            {
                if (p != IntPtr.Zero) System.Runtime.InteropServices.Marshal.ZeroFreeGlobalAllocUnicode(p);
            }
        }

        private static string MakeEmail(string? first, string? last)
        {
            var local = ((first ?? "user") + "." + (last ?? "")).Trim('.').ToLowerInvariant().Replace(' ', '.');
            return (local.Length == 0 ? "user" : local) + "@example.com";
        }
    }
}
