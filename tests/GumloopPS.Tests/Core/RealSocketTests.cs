using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

/// <summary>Exercises the real HttpClientHandler path over loopback sockets, where fakes cannot prove timing behaviour.</summary>
public class RealSocketTests
{
    private static GumloopConnectionOptions Options(int port, TimeSpan timeout) => new GumloopConnectionOptions
    {
        BaseUri = new Uri($"http://127.0.0.1:{port}/api/v1"),
        AuthKind = GumloopAuthKind.ApiKey,
        Secret = TestContext.ToSecure(TestContext.SecretText),
        UserId = TestContext.UserId,
        Timeout = timeout,
        MaxRetryCount = 1,
        MaxRetryDelay = TimeSpan.Zero,
    };

    private static async Task<string> ReadRequestHeadAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var sb = new StringBuilder();
        while (!sb.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = await stream.ReadAsync(buffer, ct);
            if (n == 0)
            {
                break;
            }

            sb.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return sb.ToString();
    }

    [Fact]
    public async Task StalledBodyOverRealSocketTimesOut()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var serverCts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? head = null;
        Task server = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync(serverCts.Token);
            NetworkStream stream = client.GetStream();
            head = await ReadRequestHeadAsync(stream, serverCts.Token);
            byte[] response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"session\":{\"id\":\"s\",");
            await stream.WriteAsync(response, serverCts.Token);
            await Task.Delay(Timeout.Infinite, serverCts.Token).ContinueWith(_ => { });
        });

        using var connection = new GumloopConnection(Options(port, TimeSpan.FromMilliseconds(700)));
        var gumloop = new GumloopClient(connection);
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<GumloopTimeoutException>(() => gumloop.GetSessionAsync("s", CancellationToken.None));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Contains("GET /api/v1/sessions/s HTTP/1.1", head, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer " + TestContext.SecretText, head, StringComparison.Ordinal);
        Assert.Contains("User-Agent: GumloopPS/", head, StringComparison.Ordinal);
        serverCts.Cancel();
        await server;
    }

    [Fact]
    public async Task RefusedConnectionIsRetriedEvenForMessageCreatingPosts()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        using var connection = new GumloopConnection(Options(port, TimeSpan.FromSeconds(10)));
        var log = new RecordingLog();
        var gumloop = new GumloopClient(connection, log);

        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() =>
            gumloop.SendMessageAsync("s", new SendMessageRequest("hello"), CancellationToken.None));

        Assert.False(ex.RequestSent);
        Assert.DoesNotContain("check the session", ex.Message, StringComparison.Ordinal);
        Assert.Contains(log.VerboseLines, l => l.Contains("retry 1/1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallerCancellationOverRealSocketIsOperationCanceled()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var serverCts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task server = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync(serverCts.Token);
            await ReadRequestHeadAsync(client.GetStream(), serverCts.Token);
            await Task.Delay(Timeout.Infinite, serverCts.Token).ContinueWith(_ => { });
        });

        using var connection = new GumloopConnection(Options(port, TimeSpan.FromSeconds(30)));
        var gumloop = new GumloopClient(connection);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Exception? ex = await Record.ExceptionAsync(() => gumloop.GetSessionAsync("s", cts.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(ex);
        serverCts.Cancel();
        // Under load the client may give up before the fake server has read the request; the server's own
        // cancellation is then expected and says nothing about the client.
        await server.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
