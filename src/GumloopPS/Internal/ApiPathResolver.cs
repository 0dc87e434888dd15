using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>An Invoke-GumloopApi path made sendable: relative to the base, placeholders filled, query split out.</summary>
internal sealed class ResolvedApiPath
{
    public ResolvedApiPath(string path, Dictionary<string, string?> query, bool useStreamHost)
    {
        Path = path;
        Query = query;
        UseStreamHost = useStreamHost;
    }

    public string Path { get; }
    public Dictionary<string, string?> Query { get; }
    public bool UseStreamHost { get; }
}

internal static class ApiPathResolver
{
    private static readonly Regex Placeholder = new(@"\{([^{}/]*)\}", RegexOptions.CultureInvariant);

    /// <summary>
    /// Accepts '/agents/{agent_id}/versions' (values for placeholders come from <paramref name="query"/> and are
    /// escaped as single segments), a path with its own '?a=b' part, a path starting with /api/v1, or a full URL
    /// on one of the connection's hosts.
    /// </summary>
    /// <exception cref="GumloopApiPathException">A placeholder has no value, or the URL is on another host.</exception>
    public static ResolvedApiPath Resolve(string path, IDictionary? query, GumloopConnection connection)
    {
        string text = (path ?? string.Empty).Trim();
        bool streamHost = false;
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            if (TryStrip(absolute, connection.BaseUri, out string? rest))
            {
                text = rest!;
            }
            else if (TryStrip(absolute, connection.StreamBaseUri, out rest))
            {
                text = rest!;
                streamHost = true;
            }
            else
            {
                // The bearer token must never go to a host the user did not connect to.
                throw new GumloopApiPathException(
                    $"'{absolute.GetLeftPart(UriPartial.Path)}' is not below the connection's base URI ({connection.BaseUri}) or stream base URI ({connection.StreamBaseUri}). Give the path relative to the base, for example /agents.",
                    foreignHost: true);
            }
        }

        if (text.IndexOf('#') >= 0)
        {
            throw new GumloopApiPathException("The path must not contain a '#' fragment.");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        int q = text.IndexOf('?');
        if (q >= 0)
        {
            foreach (string pair in text.Substring(q + 1).Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                string key = Uri.UnescapeDataString((eq < 0 ? pair : pair.Substring(0, eq)).Replace('+', ' '));
                string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                values[key] = value;
            }

            text = text.Substring(0, q);
        }

        if (query != null)
        {
            // -Query wins over the path's own query string: it is the more deliberate of the two.
            foreach (DictionaryEntry entry in query)
            {
                string key = Convert.ToString(entry.Key is System.Management.Automation.PSObject p ? p.BaseObject : entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                values[key] = PSJson.ToQueryString(entry.Value);
            }
        }

        text = "/" + text.Trim('/');
        string basePath = (streamHost ? connection.StreamBaseUri : connection.BaseUri).AbsolutePath.TrimEnd('/');
        if (basePath.Length > 0 && (text.Equals(basePath, StringComparison.OrdinalIgnoreCase) || text.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase)))
        {
            // Copied from the docs with the version prefix: the base already ends in it.
            text = text.Substring(basePath.Length);
        }

        var missing = new List<string>();
        text = Placeholder.Replace(text, match =>
        {
            string name = match.Groups[1].Value;
            string? key = values.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.Ordinal))
                          ?? values.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (key == null || string.IsNullOrEmpty(values[key]))
            {
                missing.Add(name);
                return match.Value;
            }

            string segment = GumloopPath.Segment(values[key]!);
            values.Remove(key);
            return segment;
        });

        if (missing.Count > 0)
        {
            throw new GumloopApiPathException(
                $"The path has placeholders without a value: {string.Join(", ", missing.Select(m => "{" + m + "}"))}. Give each a value in -Query (for example -Query @{{ {missing[0]} = '...' }}), or write the id into the path.");
        }

        if (text.IndexOf('{') >= 0 || text.IndexOf('}') >= 0)
        {
            throw new GumloopApiPathException("The path has an unmatched '{' or '}'.");
        }

        // Chat completions are served only by the stream host, unary calls included (API.md section 1).
        if (!streamHost && (text.Equals("/chat/completions", StringComparison.OrdinalIgnoreCase)))
        {
            streamHost = true;
        }

        return new ResolvedApiPath(text.TrimStart('/'), values, streamHost);
    }

    private static bool TryStrip(Uri absolute, Uri baseUri, out string? rest)
    {
        rest = null;
        if (!string.Equals(absolute.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(absolute.Host, baseUri.Host, StringComparison.OrdinalIgnoreCase)
            || absolute.Port != baseUri.Port)
        {
            return false;
        }

        string basePath = baseUri.AbsolutePath.TrimEnd('/');
        string path = absolute.AbsolutePath;
        if (basePath.Length > 0 && !path.Equals(basePath, StringComparison.OrdinalIgnoreCase) && !path.StartsWith(basePath + "/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = path.Substring(basePath.Length) + absolute.Query;
        return true;
    }
}
