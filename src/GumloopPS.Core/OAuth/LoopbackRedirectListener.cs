using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>Receives the browser's redirect back from the authorize page.</summary>
public interface IOAuthRedirectListener : IDisposable
{
    /// <summary>Starts listening; throws <see cref="GumloopOAuthException"/> (ListenerFailed) when the address cannot be bound.</summary>
    void Start();

    /// <summary>Waits for a GET on the redirect path and returns its query; the browser gets a short page in reply.</summary>
    Task<IReadOnlyDictionary<string, string>> WaitForRedirectAsync(CancellationToken ct);
}

/// <summary>
/// A minimal HTTP/1.1 server on the loopback redirect address (RFC 8252 section 7.3). A raw socket rather than
/// HttpListener, because http.sys on Windows refuses a 127.0.0.1 prefix to a non-administrator.
/// Requests for other paths (a favicon, a stray probe) get 404 and the wait goes on.
/// </summary>
public sealed class LoopbackRedirectListener : IOAuthRedirectListener
{
    private const int MaxRequestBytes = 16 * 1024;
    private readonly Uri _redirectUri;
    private TcpListener? _listener;

    public LoopbackRedirectListener(Uri redirectUri)
    {
        _redirectUri = redirectUri ?? throw new ArgumentNullException(nameof(redirectUri));
    }

    public void Start()
    {
        IPAddress address = _redirectUri.HostNameType == UriHostNameType.IPv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        var listener = new TcpListener(address, _redirectUri.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            throw new GumloopOAuthException(
                GumloopOAuthProblem.ListenerFailed,
                $"Could not listen for the sign-in redirect on {_redirectUri.GetLeftPart(UriPartial.Authority)}: {ex.Message}. Close the program using that port, or pass another loopback redirect URI registered for the client.",
                ex);
        }

        _listener = listener;
    }

    public async Task<IReadOnlyDictionary<string, string>> WaitForRedirectAsync(CancellationToken ct)
    {
        TcpListener listener = _listener ?? throw new InvalidOperationException("Start the listener first.");
        var redirect = new TaskCompletionSource<IReadOnlyDictionary<string, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using (done.Token.Register(() => listener.Stop()))
        {
            try
            {
                while (!redirect.Task.IsCompleted)
                {
                    TcpClient client;
                    try
                    {
                        client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when ((ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException) && done.IsCancellationRequested)
                    {
                        break;
                    }

                    // Each connection on its own: a browser's idle speculative connection must not hold up the real one.
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        {
                            try
                            {
                                IReadOnlyDictionary<string, string>? query = await HandleAsync(client, done.Token).ConfigureAwait(false);
                                if (query != null && redirect.TrySetResult(query))
                                {
                                    done.Cancel();
                                }
                            }
                            catch (Exception)
                            {
                                // One bad connection is not the end of the wait.
                            }
                        }
                    });
                }
            }
            finally
            {
                if (!redirect.Task.IsCompleted)
                {
                    ct.ThrowIfCancellationRequested();
                }
            }
        }

        return await redirect.Task.ConfigureAwait(false);
    }

    public void Dispose()
    {
        try
        {
            _listener?.Stop();
        }
        catch (SocketException)
        {
        }

        _listener = null;
    }

    private async Task<IReadOnlyDictionary<string, string>?> HandleAsync(TcpClient client, CancellationToken ct)
    {
        NetworkStream stream = client.GetStream();

        // A browser may open a speculative connection and send nothing; it must not hold up the real request.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
        idle.CancelAfter(TimeSpan.FromSeconds(10));
        string? head;
        try
        {
            head = await ReadHeadAsync(stream, idle.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException || ex is OperationCanceledException || ex is ObjectDisposedException)
        {
            ct.ThrowIfCancellationRequested();
            return null;
        }

        if (head == null)
        {
            return null;
        }

        string requestLine = head.Split(new[] { "\r\n" }, 2, StringSplitOptions.None)[0];
        string[] parts = requestLine.Split(' ');
        if (parts.Length < 2 || !string.Equals(parts[0], "GET", StringComparison.Ordinal))
        {
            await RespondAsync(stream, 405, "Method not allowed", "Only GET is served here.").ConfigureAwait(false);
            return null;
        }

        string target = parts[1];
        int q = target.IndexOf('?');
        string path = q < 0 ? target : target.Substring(0, q);
        string expectedPath = string.IsNullOrEmpty(_redirectUri.AbsolutePath) ? "/" : _redirectUri.AbsolutePath;
        if (!string.Equals(path, expectedPath, StringComparison.Ordinal))
        {
            await RespondAsync(stream, 404, "Not found", "This is the GumloopPS sign-in listener.").ConfigureAwait(false);
            return null;
        }

        Dictionary<string, string> query = ParseQuery(q < 0 ? string.Empty : target.Substring(q + 1));
        bool failed = query.ContainsKey("error") || !query.ContainsKey("code");
        await RespondAsync(
            stream,
            200,
            failed ? "Sign-in not completed" : "Signed in to Gumloop",
            failed ? "The sign-in did not complete. Return to PowerShell for the reason." : "You can close this window and return to PowerShell.").ConfigureAwait(false);
        return query;
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        using var collected = new MemoryStream();
        using (ct.Register(() => stream.Dispose()))
        {
            while (collected.Length < MaxRequestBytes)
            {
                int n = await stream.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false);
                if (n == 0)
                {
                    return null;
                }

                collected.Write(buffer, 0, n);
                string text = Encoding.ASCII.GetString(collected.GetBuffer(), 0, (int)collected.Length);
                int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    return text.Substring(0, end);
                }
            }
        }

        return null;
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string title, string message)
    {
        string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + message + "</p></body></html>";
        byte[] body = Encoding.UTF8.GetBytes(html);
        string head = "HTTP/1.1 " + status + " " + (status == 200 ? "OK" : status == 404 ? "Not Found" : "Method Not Allowed") + "\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + "Content-Length: " + body.Length + "\r\n"
            + "Cache-Control: no-store\r\n"
            + "Connection: close\r\n\r\n";
        byte[] headBytes = Encoding.ASCII.GetBytes(head);
        try
        {
            await stream.WriteAsync(headBytes, 0, headBytes.Length).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The browser went away; the query it sent is still good.
        }
    }

    internal static Dictionary<string, string> ParseQuery(string raw)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in raw.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            int eq = pair.IndexOf('=');
            string key = eq < 0 ? pair : pair.Substring(0, eq);
            string value = eq < 0 ? string.Empty : pair.Substring(eq + 1);
            try
            {
                key = Uri.UnescapeDataString(key.Replace('+', ' '));
                value = Uri.UnescapeDataString(value.Replace('+', ' '));
            }
            catch (UriFormatException)
            {
                continue;
            }

            if (!result.ContainsKey(key))
            {
                result[key] = value;
            }
        }

        return result;
    }
}
