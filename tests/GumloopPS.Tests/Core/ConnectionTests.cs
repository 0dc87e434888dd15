using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class ConnectionTests
{
    private static GumloopConnectionOptions Options(string? baseUri = null, GumloopAuthKind kind = GumloopAuthKind.ApiKey)
    {
        var options = new GumloopConnectionOptions
        {
            AuthKind = kind,
            Secret = TestContext.ToSecure(TestContext.SecretText),
            UserId = "user_1",
        };
        if (baseUri != null)
        {
            options.BaseUri = new Uri(baseUri);
        }

        return options;
    }

    [Fact]
    public void DefaultsMatchTheDocumentedService()
    {
        var options = new GumloopConnectionOptions();
        Assert.Equal("https://api.gumloop.com/api/v1", GumloopConnectionOptions.DefaultBaseUri.AbsoluteUri);
        Assert.Equal(GumloopConnectionOptions.DefaultBaseUri, options.BaseUri);
        Assert.Equal(TimeSpan.FromSeconds(90), options.Timeout);
        Assert.Equal(3, options.MaxRetryCount);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxRetryDelay);
        Assert.Equal(128L * 1024 * 1024, options.MaxResponseBytes);
    }

    [Theory]
    [InlineData("https://api.gumloop.com/api/v1", "https://ws.gumloop.com/api/v1")]
    [InlineData("https://API.Gumloop.com/api/v1", "https://ws.gumloop.com/api/v1")]
    [InlineData("https://gumloop.internal.example/api/v1", "https://gumloop.internal.example/api/v1")]
    [InlineData("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1")]
    public void DerivesStreamHost(string baseUri, string expected)
    {
        Assert.Equal(new Uri(expected), GumloopConnectionOptions.DeriveStreamBaseUri(new Uri(baseUri)));
    }

    [Fact]
    public void ExplicitStreamBaseWins()
    {
        var options = Options("http://127.0.0.1:5000/api/v1");
        options.StreamBaseUri = new Uri("http://127.0.0.1:5001/api/v1");
        using var connection = new GumloopConnection(options);
        Assert.Equal(5001, connection.StreamBaseUri.Port);
        Assert.Equal(5000, connection.BaseUri.Port);
    }

    [Theory]
    [InlineData("http://api.gumloop.com/api/v1")]
    [InlineData("http://10.0.0.5/api/v1")]
    [InlineData("http://localhost.evil.example/api/v1")]
    [InlineData("ftp://127.0.0.1/api/v1")]
    [InlineData("https://user:pw@api.gumloop.com/api/v1")]
    [InlineData("https://api.gumloop.com/api/v1?x=1")]
    public void RejectsUnsafeBaseUris(string baseUri)
    {
        Assert.Throws<ArgumentException>(() => new GumloopConnection(Options(baseUri)));
    }

    [Theory]
    [InlineData("http://localhost:1234/api/v1")]
    [InlineData("http://127.0.0.1:1234/api/v1")]
    [InlineData("http://127.8.9.10/api/v1")]
    [InlineData("http://[::1]:1234/api/v1")]
    [InlineData("https://gumloop.example.org/api/v1/")]
    public void AcceptsHttpsAndLoopbackHttp(string baseUri)
    {
        using var connection = new GumloopConnection(Options(baseUri));
        Assert.False(connection.BaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal));
    }

    [Fact]
    public void ApiKeyRequiresUserId()
    {
        var options = Options();
        options.UserId = " ";
        var ex = Assert.Throws<ArgumentException>(() => new GumloopConnection(options));
        Assert.Contains("user", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TeamKeyRequiresTeamId()
    {
        var options = Options(kind: GumloopAuthKind.TeamKey);
        Assert.Throws<ArgumentException>(() => new GumloopConnection(options));
        options.TeamId = "tm_5c2d8e17";
        using var connection = new GumloopConnection(options);
        Assert.Equal("tm_5c2d8e17", connection.TeamId);
    }

    [Fact]
    public void AccessTokenNeedsNoUser()
    {
        var options = Options(kind: GumloopAuthKind.AccessToken);
        options.UserId = null;
        using var connection = new GumloopConnection(options);
        Assert.Null(connection.UserId);
        Assert.Equal(nameof(GumloopAuthKind.AccessToken), connection.AuthKind);
    }

    [Fact]
    public void MissingOrEmptySecretIsRejected()
    {
        var options = Options();
        options.Secret = null;
        Assert.Throws<ArgumentException>(() => new GumloopConnection(options));
        options.Secret = new System.Security.SecureString();
        Assert.Throws<ArgumentException>(() => new GumloopConnection(options));
    }

    [Fact]
    public void SecretWithWhitespaceIsRejectedWithoutEchoingIt()
    {
        var options = Options();
        options.Secret = TestContext.ToSecure("gk_abc def12345");
        var ex = Assert.Throws<ArgumentException>(() => new GumloopConnection(options));
        Assert.DoesNotContain("def12345", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaskAndToStringNeverRevealTheSecret()
    {
        using var connection = new GumloopConnection(Options());
        Assert.Equal("****abcd", connection.MaskedKey);
        Assert.Equal("Gumloop ApiKey connection to https://api.gumloop.com/api/v1 as user_1 (****abcd)", connection.ToString());
        Assert.DoesNotContain(TestContext.SecretText, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShortSecretsAreMaskedCompletely()
    {
        var options = Options();
        options.Secret = TestContext.ToSecure("abc12");
        using var connection = new GumloopConnection(options);
        Assert.Equal("****", connection.MaskedKey);
    }

    [Fact]
    public void NoPublicMemberExposesTheSecret()
    {
        using var connection = new GumloopConnection(Options());
        foreach (object target in new object[] { connection, Options() })
        {
            foreach (PropertyInfo property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0 && property.GetValue(target) is string text)
                {
                    Assert.DoesNotContain(TestContext.SecretText, text, StringComparison.Ordinal);
                }
            }

            Assert.DoesNotContain(target.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance), f => f.FieldType == typeof(string));
        }
    }

    [Fact]
    public void ExposesLimitsInSeconds()
    {
        var options = Options();
        options.Timeout = TimeSpan.FromSeconds(12.2);
        options.MaxRetryCount = 5;
        options.MaxRetryDelay = TimeSpan.FromSeconds(30);
        using var connection = new GumloopConnection(options);
        Assert.Equal(13, connection.TimeoutSec);
        Assert.Equal(5, connection.MaxRetryCount);
        Assert.Equal(30, connection.MaxRetryDelaySec);
    }

    [Fact]
    public void ZeroTimeoutMeansNoTimeout()
    {
        var options = Options();
        options.Timeout = TimeSpan.Zero;
        using var connection = new GumloopConnection(options);
        Assert.Equal(0, connection.TimeoutSec);
        Assert.Equal(Timeout.InfiniteTimeSpan, connection.RequestTimeout);
    }

    [Fact]
    public void RejectsBadLimits()
    {
        var negative = Options();
        negative.Timeout = TimeSpan.FromSeconds(-5);
        Assert.Throws<ArgumentException>(() => new GumloopConnection(negative));

        var retries = Options();
        retries.MaxRetryCount = -1;
        Assert.Throws<ArgumentException>(() => new GumloopConnection(retries));

        var bytes = Options();
        bytes.MaxResponseBytes = 0;
        Assert.Throws<ArgumentException>(() => new GumloopConnection(bytes));
    }

    [Fact]
    public async System.Threading.Tasks.Task DisposedConnectionFailsClearly()
    {
        var connection = new GumloopConnection(Options());
        connection.Dispose();
        var client = new GumloopClient(connection);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetSessionAsync("s", CancellationToken.None));
    }
}
