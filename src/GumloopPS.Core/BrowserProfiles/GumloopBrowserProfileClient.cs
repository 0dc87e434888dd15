using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// Browser profiles (API.md 10.12). Cookie values go to the service and nowhere else: not into messages, logs or
/// errors, even when the service quotes them back.
/// </summary>
public static class GumloopBrowserProfileClient
{
    /// <summary>The profile id that names the owner's default profile (created on first import).</summary>
    public const string DefaultProfile = "default";

    /// <summary>The longest <c>url</c> the service accepts.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Lists the caller's personal profiles, or a team's with <paramref name="teamId"/>.</summary>
    public static async Task<IReadOnlyList<BrowserProfile>> ListBrowserProfilesAsync(this GumloopClient client, string? teamId, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        var request = new GumloopRequest(HttpMethod.Get, "browser-profiles");
        request.Query["team_id"] = string.IsNullOrWhiteSpace(teamId) ? null : teamId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !JsonRead.TryGet(root, "profiles", out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            throw GumloopClient.Unexpected(response, "a 'profiles' list");
        }

        GumloopClient.CheckItemCount(response, items, "browser profiles", 0);
        return items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(BrowserProfile.FromJson).ToList();
    }

    /// <summary>
    /// Reads a cookie export: a JSON array of cookies (Chrome extension or DevTools shape), or an object holding one
    /// under <c>cookies</c>. Errors name the problem and the position, never a cookie's content.
    /// </summary>
    public static JsonList ParseCookieFile(string json, string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json ?? string.Empty, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            // JsonException's message names the line and byte; nothing of the file's text is quoted.
            string where = ex.LineNumber.HasValue ? $" (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            throw new ArgumentException($"The cookie file '{path}' is not valid JSON{where}. Export the cookies as JSON (an array of cookie objects).", nameof(json));
        }

        using (doc)
        {
            JsonElement list = doc.RootElement;
            if (list.ValueKind == JsonValueKind.Object && JsonRead.TryGet(list, "cookies", out JsonElement inner))
            {
                list = inner;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new ArgumentException($"The cookie file '{path}' holds no list of cookies: expected a JSON array, or an object with a 'cookies' array.", nameof(json));
            }

            var cookies = new JsonList();
            int index = 0;
            foreach (JsonElement cookie in list.EnumerateArray())
            {
                if (cookie.ValueKind != JsonValueKind.Object)
                {
                    throw new ArgumentException($"Item {index} of the cookie file '{path}' is not a cookie object.", nameof(json));
                }

                cookies.Add(JsonMap.FromJson(cookie));
                index++;
            }

            if (cookies.Count == 0)
            {
                throw new ArgumentException($"The cookie file '{path}' holds no cookies.", nameof(json));
            }

            return cookies;
        }
    }

    /// <summary>The distinct domains of cookies (leading dots removed), for a confirmation prompt that shows no values.</summary>
    public static IReadOnlyList<string> CookieDomains(IEnumerable<object?> cookies) =>
        cookies.OfType<JsonMap>()
            .Select(c => c.TryGetValue("domain", out object? d) ? (d as string)?.Trim().TrimStart('.') : null)
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => d!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>
    /// Imports cookies into a profile (POST /browser-profiles/{profile_id}/cookies). With <paramref name="url"/> only
    /// that site's cookies are kept and replace what the profile had for it.
    /// </summary>
    public static async Task<BrowserCookieImport> ImportBrowserCookiesAsync(
        this GumloopClient client, string profileId, JsonList cookies, string? url, string? teamId, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (cookies == null || cookies.Count == 0)
        {
            throw new ArgumentException("At least one cookie is required.", nameof(cookies));
        }

        if (url != null && url.Length > MaxUrlLength)
        {
            throw new ArgumentException($"The URL is {url.Length} characters long; the service accepts at most {MaxUrlLength}.", nameof(url));
        }

        var body = new JsonMap { ["cookies"] = cookies };
        if (!string.IsNullOrWhiteSpace(url))
        {
            body["url"] = url;
        }

        if (!string.IsNullOrWhiteSpace(teamId))
        {
            body["team_id"] = teamId;
        }

        var request = new GumloopRequest(HttpMethod.Post, "browser-profiles/" + GumloopPath.Segment(profileId) + "/cookies")
        {
            Body = body,

            // An import that did reach the service cannot be told apart from one that did not, and repeating it
            // changes the profile's version again; only an unsent request is retried.
            Kind = GumloopRequestKind.Other,
        };

        try
        {
            using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
            JsonElement root = response.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !JsonRead.TryGet(root, "profile", out JsonElement profile) || profile.ValueKind != JsonValueKind.Object)
            {
                throw GumloopClient.Unexpected(response, "a 'profile' object");
            }

            return BrowserCookieImport.FromJson(root);
        }
        catch (GumloopApiException ex)
        {
            throw WithoutCookieValues(ex, cookies);
        }
    }

    /// <summary>An API error as it was, minus any cookie value the service quoted back in it.</summary>
    internal static GumloopApiException WithoutCookieValues(GumloopApiException error, JsonList cookies)
    {
        var values = cookies.OfType<JsonMap>()
            .Select(c => c.TryGetValue("value", out object? v) ? v as string : null)
            .Where(v => !string.IsNullOrEmpty(v) && v!.Length >= 3)
            .Select(v => v!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToList();
        string Mask(string? text)
        {
            if (text == null)
            {
                return string.Empty;
            }

            foreach (string value in values)
            {
                text = SecretRedaction.Json(text, value);
            }

            return text;
        }

        string message = Mask(error.Message);
        if (values.Count == 0)
        {
            return error;
        }

        var details = error.Details == null ? null : new JsonMap();
        if (error.Details != null)
        {
            foreach (KeyValuePair<string, object?> pair in error.Details)
            {
                details![pair.Key] = pair.Value is string s ? Mask(s) : pair.Value is null ? null : Mask(pair.Value.ToString());
            }
        }

        return new GumloopApiException(message, error.StatusCode)
        {
            ErrorCode = error.ErrorCode,
            ErrorType = error.ErrorType,
            ApiMessage = error.ApiMessage == null ? null : Mask(error.ApiMessage),
            Param = error.Param,
            RequestId = error.RequestId,
            ResponseBody = error.ResponseBody == null ? null : Mask(error.ResponseBody),
            Details = details,
            RetryAfter = error.RetryAfter,
            Attempt = error.Attempt,
            Method = error.Method,
            Url = error.Url,
        };
    }
}
