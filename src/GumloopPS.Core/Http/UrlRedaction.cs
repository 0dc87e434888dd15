using System;
using System.Text;

namespace GumloopPS.Core;

internal static class UrlRedaction
{
    private static readonly string[] SensitiveNames = { "api_key", "key", "token", "access_token", "refresh_token", "code", "code_verifier" };

    /// <summary>Legacy endpoints accept ?api_key=, so a URL may carry a credential; never log or report it.</summary>
    public static string Redact(Uri uri)
    {
        string text = uri.AbsoluteUri;
        int q = text.IndexOf('?');
        if (q < 0)
        {
            return text;
        }

        int hash = text.IndexOf('#', q);
        string query = hash < 0 ? text.Substring(q + 1) : text.Substring(q + 1, hash - q - 1);
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, q + 1);
        string[] pairs = query.Split('&');
        for (int i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            string pair = pairs[i];
            int eq = pair.IndexOf('=');
            string name = eq < 0 ? pair : pair.Substring(0, eq);
            if (eq >= 0 && IsSensitive(Uri.UnescapeDataString(name)))
            {
                sb.Append(name).Append("=****");
            }
            else
            {
                sb.Append(pair);
            }
        }

        return sb.ToString();
    }

    /// <summary>A path or URL as a user typed it (it may not parse as a URI): its query credentials masked.</summary>
    public static string RedactText(string text)
    {
        if (string.IsNullOrEmpty(text) || text.IndexOf('?') < 0)
        {
            return text;
        }

        // A dummy base makes any relative path absolute; the base is removed again afterwards.
        const string Base = "http://redaction.invalid/";
        string trimmed = text.TrimStart('/');
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return Redact(absolute);
        }

        if (!Uri.TryCreate(Base + trimmed, UriKind.Absolute, out Uri? relative))
        {
            return text.Substring(0, text.IndexOf('?')) + "?****";
        }

        string redacted = Redact(relative);
        return (text.StartsWith("/", StringComparison.Ordinal) ? "/" : string.Empty) + redacted.Substring(Base.Length);
    }

    private static bool IsSensitive(string name)
    {
        foreach (string s in SensitiveNames)
        {
            if (string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
