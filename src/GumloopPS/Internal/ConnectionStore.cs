using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Internal;

/// <summary>
/// Finds the connection a cmdlet should use: an explicit -Connection, then the default that Connect-Gumloop
/// set in this runspace, then the GUMLOOP_* environment variables.
/// </summary>
internal static class ConnectionStore
{
    // Keyed by runspace so a connection made in one runspace is never used by another (ForEach-Object
    // -Parallel and thread jobs get their own runspaces and must pass -Connection explicitly).
    private static readonly ConditionalWeakTable<Runspace, Holder> s_defaults = new();

    // Connections built from the environment are cached by their settings so that scripts relying on
    // environment variables still reuse one HttpClient instead of opening sockets per call.
    private static readonly ConcurrentDictionary<string, GumloopConnection> s_fromEnvironment = new();

    public const string ApiKeyVariable = "GUMLOOP_API_KEY";
    public const string AccessTokenVariable = "GUMLOOP_ACCESS_TOKEN";
    public const string UserIdVariable = "GUMLOOP_USER_ID";
    public const string TeamIdVariable = "GUMLOOP_TEAM_ID";
    public const string BaseUrlVariable = "GUMLOOP_BASE_URL";
    public const string StreamUrlVariable = "GUMLOOP_STREAM_URL";

    public static GumloopConnection? GetDefault()
    {
        var runspace = Runspace.DefaultRunspace;
        return runspace is not null && s_defaults.TryGetValue(runspace, out var holder) ? holder.Connection : null;
    }

    /// <summary>
    /// Sets (or, with null, removes) the runspace's default connection. The one it replaces is disposed, closing
    /// its HttpClient and dropping the header that holds the key, unless it was handed out (Connect-Gumloop
    /// -PassThru, Get-GumloopConnection): a script may still use that one through -Connection.
    /// </summary>
    public static void SetDefault(GumloopConnection? connection, bool handedOut = false)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is null)
        {
            return;
        }

        var holder = s_defaults.GetOrCreateValue(runspace);
        GumloopConnection? previous;
        bool previousHandedOut;
        lock (holder)
        {
            previous = holder.Connection;
            previousHandedOut = holder.HandedOut;
            holder.Connection = connection;
            holder.HandedOut = handedOut;
        }

        if (previous is not null && !ReferenceEquals(previous, connection) && !previousHandedOut)
        {
            previous.Dispose();
        }
    }

    /// <summary>Marks the default connection as handed to a script, so replacing it later does not dispose it.</summary>
    public static void MarkHandedOut(GumloopConnection connection)
    {
        var runspace = Runspace.DefaultRunspace;
        if (runspace is not null && s_defaults.TryGetValue(runspace, out var holder))
        {
            lock (holder)
            {
                if (ReferenceEquals(holder.Connection, connection))
                {
                    holder.HandedOut = true;
                }
            }
        }
    }

    public static GumloopConnection Resolve(GumloopConnection? explicitConnection)
    {
        if (explicitConnection is not null)
        {
            return explicitConnection;
        }

        return GetDefault() ?? FromEnvironment() ?? throw new GumloopNotConnectedException();
    }

    /// <summary>Builds options from GUMLOOP_* variables, or returns null when no credential is set.</summary>
    public static GumloopConnectionOptions? OptionsFromEnvironment()
    {
        var apiKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
        var token = Environment.GetEnvironmentVariable(AccessTokenVariable);
        if (string.IsNullOrEmpty(apiKey) && string.IsNullOrEmpty(token))
        {
            return null;
        }

        var options = new GumloopConnectionOptions
        {
            UserId = NullIfEmpty(Environment.GetEnvironmentVariable(UserIdVariable)),
            TeamId = NullIfEmpty(Environment.GetEnvironmentVariable(TeamIdVariable)),
        };
        if (!string.IsNullOrEmpty(apiKey))
        {
            options.Secret = ToSecureString(apiKey!);
            options.AuthKind = options.TeamId is null ? GumloopAuthKind.ApiKey : GumloopAuthKind.TeamKey;
        }
        else
        {
            options.Secret = ToSecureString(token!);
            options.AuthKind = GumloopAuthKind.AccessToken;
        }

        if (BaseUriFromEnvironment() is { } baseUri)
        {
            options.BaseUri = baseUri;
        }

        var streamUrl = NullIfEmpty(Environment.GetEnvironmentVariable(StreamUrlVariable));
        if (streamUrl is not null)
        {
            options.StreamBaseUri = ParseUrl(StreamUrlVariable, streamUrl);
        }

        return options;
    }

    /// <summary>GUMLOOP_BASE_URL, or null when it is not set.</summary>
    public static Uri? BaseUriFromEnvironment()
    {
        var baseUrl = NullIfEmpty(Environment.GetEnvironmentVariable(BaseUrlVariable));
        return baseUrl is null ? null : ParseUrl(BaseUrlVariable, baseUrl);
    }

    private static Uri ParseUrl(string variable, string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            // Not echoed: a mistyped variable may hold a pasted key.
            throw new GumloopConfigurationException(variable, $"The value is not an absolute URL; set it like {GumloopConnectionOptions.DefaultBaseUri}.");
        }

        return uri;
    }

    /// <summary>Builds a connection from environment options; a rejected setting names its variable.</summary>
    public static GumloopConnection CreateFromEnvironment(GumloopConnectionOptions options)
    {
        try
        {
            return new GumloopConnection(options);
        }
        catch (ArgumentException ex)
        {
            throw new GumloopConfigurationException(EnvironmentVariableFor(ex.ParamName), Errors.ErrorMap.UserMessage(ex, null), ex);
        }
    }

    /// <summary>The environment variable behind a <see cref="GumloopConnectionOptions"/> property.</summary>
    public static string EnvironmentVariableFor(string? optionName) => optionName switch
    {
        "BaseUri" => BaseUrlVariable,
        "StreamBaseUri" => StreamUrlVariable,
        "UserId" => UserIdVariable,
        "TeamId" => TeamIdVariable,
        "Secret" => ApiKeyVariable + " or " + AccessTokenVariable,
        _ => "the GUMLOOP_* environment variables",
    };

    private static GumloopConnection? FromEnvironment()
    {
        var key = string.Join("\u0001",
            Environment.GetEnvironmentVariable(ApiKeyVariable),
            Environment.GetEnvironmentVariable(AccessTokenVariable),
            Environment.GetEnvironmentVariable(UserIdVariable),
            Environment.GetEnvironmentVariable(TeamIdVariable),
            Environment.GetEnvironmentVariable(BaseUrlVariable),
            Environment.GetEnvironmentVariable(StreamUrlVariable));
        key = Fingerprint(key);
        if (s_fromEnvironment.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var options = OptionsFromEnvironment();
        if (options is null)
        {
            return null;
        }

        return s_fromEnvironment.GetOrAdd(key, _ => CreateFromEnvironment(options));
    }

    // The cache is keyed by a hash so the secret is not kept as a string for the life of the process.
    private static string Fingerprint(string value)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(value)));
    }

    internal static SecureString ToSecureString(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private sealed class Holder
    {
        public GumloopConnection? Connection;
        public bool HandedOut;
    }
}
