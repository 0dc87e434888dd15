using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace GumloopPS.Simulator
{
    /// <summary>
    /// The storage host's signed download links, for artifacts and skills alike. They are served on the api listener
    /// outside /api/v1 and take no Gumloop credential: the signature in the query is the authorisation, good for one
    /// path and 15 minutes, and a request that carries an Authorization header anyway is refused, as storage services
    /// refuse a second credential beside the signature.
    /// </summary>
    public sealed partial class GumloopSimulator
    {
        private static readonly TimeSpan SignedUrlLifetime = TimeSpan.FromSeconds(900);

        // Each storage path names its query parameters: artifacts are signed as Cloud Storage signs them, skills with
        // the simulator's own names, so a test can tell which kind of link it holds.
        private static readonly KeyValuePair<string, string>[] SignedLinkSchemes =
        {
            new KeyValuePair<string, string>(SignedStoragePrefix, "X-Goog"),
            new KeyValuePair<string, string>(SignedDownloadPrefix, "X-Sim"),
        };

        private readonly Dictionary<string, SignedLink> _signedLinks = new Dictionary<string, SignedLink>(StringComparer.Ordinal);

        private sealed class SignedLink
        {
            public string Path = "";
            public DateTimeOffset ExpiresAt;

            /// <summary>Under the lock: the object's answer, or null when it no longer exists.</summary>
            public Func<SimResponse?> Serve = () => null;
        }

        /// <summary>Makes every signed URL handed out so far expire, as they do after 15 minutes.</summary>
        public void ExpireSignedUrls()
        {
            lock (_gate) _signedLinks.Clear();
        }

        /// <summary>
        /// Under the lock: a fresh signed URL for <paramref name="prefix"/> + <paramref name="key"/> (escaped already),
        /// answered by <paramref name="serve"/> until it expires.
        /// </summary>
        private string SignLink(string prefix, string key, Func<SimResponse?> serve)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var stale in _signedLinks.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList()) _signedLinks.Remove(stale);
            string signature = RandomToken(24).ToLowerInvariant();
            string path = prefix + key;
            _signedLinks[signature] = new SignedLink { Path = path, ExpiresAt = now + SignedUrlLifetime, Serve = serve };
            string scheme = SignedLinkSchemes.First(s => s.Key == prefix).Value;
            return string.Format(CultureInfo.InvariantCulture, "{0}{1}?{2}-Expires={3}&{2}-Signature={4}",
                BaseUri.GetLeftPart(UriPartial.Authority), path, scheme, (int)SignedUrlLifetime.TotalSeconds, signature);
        }

        /// <summary>The query parameter prefix of the storage path <paramref name="rawPath"/> lies under; null when it is no storage path.</summary>
        private static string? SignedLinkScheme(string rawPath) =>
            SignedLinkSchemes.Where(s => rawPath.StartsWith(s.Key, StringComparison.Ordinal)).Select(s => s.Value).FirstOrDefault();

        /// <summary>The storage host's side of a signed URL: no credential, only a valid, unexpired signature for this path.</summary>
        private SimResponse ServeSignedLink(SimRequestContext req, string scheme)
        {
            if (req.Method != "GET") return StorageError(405, "MethodNotAllowed", "Only GET is allowed on a signed link.");
            if (req.Authorization != null) return StorageError(400, "InvalidAuthorization", "A signed link takes no Authorization header.");
            string? signature = req.Q(scheme + "-Signature");
            lock (_gate)
            {
                if (signature == null || !_signedLinks.TryGetValue(signature, out var link) || !string.Equals(req.RawPath, link.Path, StringComparison.Ordinal))
                {
                    return StorageError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
                }

                if (DateTimeOffset.UtcNow > link.ExpiresAt) return StorageError(400, "ExpiredToken", "The signed link has expired.");
                return link.Serve() ?? StorageError(404, "NoSuchKey", "The object does not exist.");
            }
        }

        private static SimResponse StorageError(int status, string code, string message) =>
            SimResponse.Raw(status, "application/xml; charset=utf-8", $"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code><Message>{message}</Message></Error>");
    }
}
