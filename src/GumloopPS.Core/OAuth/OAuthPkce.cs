using System;
using System.Security.Cryptography;
using System.Text;

namespace GumloopPS.Core;

/// <summary>PKCE (RFC 7636) with S256, the only method Gumloop accepts, and the random <c>state</c> value.</summary>
public static class OAuthPkce
{
    /// <summary>A 43-character verifier: 32 random bytes, base64url without padding (RFC 7636 section 4.1).</summary>
    public static string NewCodeVerifier() => Base64Url(RandomBytes(32));

    /// <summary>BASE64URL(SHA256(ASCII(verifier))).</summary>
    public static string S256Challenge(string codeVerifier)
    {
        if (codeVerifier == null)
        {
            throw new ArgumentNullException(nameof(codeVerifier));
        }

        using var sha = SHA256.Create();
        return Base64Url(sha.ComputeHash(Encoding.ASCII.GetBytes(codeVerifier)));
    }

    /// <summary>An unguessable value that ties the redirect to this sign-in attempt (CSRF protection).</summary>
    public static string NewState() => Base64Url(RandomBytes(24));

    internal static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        using var rng = RandomNumberGenerator.Create();
        rng.GetBytes(bytes);
        return bytes;
    }
}
