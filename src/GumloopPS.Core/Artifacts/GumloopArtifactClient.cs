using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Core;

/// <summary>Artifacts (API.md 10.11): the files agents produce, listed by cursor and fetched through signed URLs.</summary>
public static class GumloopArtifactClient
{
    // The signed URL carries its own authorisation. It is fetched with a client of its own that has no default
    // headers, so neither the bearer key nor x-auth-key can reach the storage host.
    private static readonly Lazy<HttpClient> SignedUrlHttp = new Lazy<HttpClient>(() =>
    {
        var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = true, MaxAutomaticRedirections = 5 };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    });

    /// <summary>Reads an agent's artifacts page by page, handing each to <paramref name="onItem"/> as its page arrives.</summary>
    public static Task<PageResult> ReadArtifactsAsync(
        this GumloopClient client, string agentId, ArtifactListQuery? query, PageRequest page, Action<Artifact> onItem, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (page == null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        query ??= new ArtifactListQuery();
        string path = "agents/" + GumloopPath.Segment(agentId) + "/artifacts";
        page.ListProperty ??= "artifacts";
        return GumloopPager.ReadAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, path);
            request.Query["session_id"] = string.IsNullOrEmpty(query.SessionId) ? null : query.SessionId;
            request.Query["search_query"] = string.IsNullOrEmpty(query.Search) ? null : query.Search;
            request.Query["sort_order"] = string.IsNullOrEmpty(query.SortOrder) ? null : query.SortOrder;
            return request;
        }, page, Artifact.FromJson, onItem, ct);
    }

    /// <summary>Asks for a signed download URL (GET /artifacts/{id}/download); <paramref name="versionId"/> null means the latest.</summary>
    public static async Task<ArtifactDownload> GetArtifactDownloadAsync(this GumloopClient client, string artifactId, string? versionId, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        var request = new GumloopRequest(HttpMethod.Get, "artifacts/" + GumloopPath.Segment(artifactId) + "/download");
        request.Query["version_id"] = string.IsNullOrEmpty(versionId) ? null : versionId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        JsonElement root = response.RootElement;
        if (root.ValueKind != JsonValueKind.Object || string.IsNullOrEmpty(JsonRead.String(root, "download_url")))
        {
            throw GumloopClient.Unexpected(response, "a 'download_url'");
        }

        ArtifactDownload download = ArtifactDownload.FromJson(root);
        download.ArtifactId = artifactId;
        download.VersionId = versionId;
        return download;
    }

    /// <summary>The host a signed URL points at, for messages: the URL itself grants access and is never shown.</summary>
    public static string DescribeUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) ? uri.Scheme + "://" + uri.Authority + "/..." : "(not a URL)";

    /// <summary>
    /// Streams the file behind a signed URL to <paramref name="path"/> without any Gumloop credential. The bytes go to
    /// a temporary file beside it first, so a failed download never leaves a partial file under the final name, and
    /// an existing file is replaced only with <paramref name="overwrite"/>.
    /// </summary>
    /// <exception cref="IOException">The file exists (without <paramref name="overwrite"/>) or cannot be written.</exception>
    public static async Task<FileInfo> SaveArtifactAsync(this GumloopClient client, ArtifactDownload download, string path, bool overwrite, CancellationToken ct)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (download == null)
        {
            throw new ArgumentNullException(nameof(download));
        }

        Uri uri = CheckSignedUrl(download);
        string shown = DescribeUrl(download.DownloadUrl);
        string full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            throw new IOException($"The file '{full}' already exists.");
        }

        TimeSpan idle = client.RequestTimeout is TimeSpan t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(Math.Max(1, client.Connection.TimeoutSec == 0 ? 3600 : client.Connection.TimeoutSec));
        return await PartialFile.SaveAsync(full, overwrite, async temp =>
        {
            long written = 0;
            using (var idleCts = new CancellationTokenSource())
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, idleCts.Token))
            using (var message = new HttpRequestMessage(HttpMethod.Get, uri))
            {
                idleCts.CancelAfter(idle);
                HttpResponseMessage response;
                try
                {
                    response = await SignedUrlHttp.Value.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is OperationCanceledException)
                {
                    ct.ThrowIfCancellationRequested();
                    throw Failed(download, shown, ex is OperationCanceledException ? "no answer in time" : ex.GetBaseException().Message, ex);
                }

                using (response)
                using (linked.Token.Register(() => response.Dispose()))
                {
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new GumloopResponseException(string.Format(
                            CultureInfo.InvariantCulture,
                            "The storage host {0} answered HTTP {1} for artifact {2}; the signed URL may have expired. Download the artifact again for a fresh one.",
                            shown,
                            (int)response.StatusCode,
                            download.ArtifactId))
                        {
                            StatusCode = (int)response.StatusCode,
                            Method = "GET",
                            Url = shown,
                        };
                    }

                    try
                    {
                        using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                        using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
                        byte[] buffer = new byte[81920];
                        int n;
                        while (true)
                        {
                            idleCts.CancelAfter(idle);
                            n = await body.ReadAsync(buffer, 0, buffer.Length, linked.Token).ConfigureAwait(false);
                            if (n == 0)
                            {
                                break;
                            }

                            await file.WriteAsync(buffer, 0, n, linked.Token).ConfigureAwait(false);
                            written += n;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException || (ex is IOException && !(ex is FileNotFoundException)) || ex is OperationCanceledException || ex is ObjectDisposedException)
                    {
                        ct.ThrowIfCancellationRequested();
                        if (ex is IOException && !File.Exists(temp))
                        {
                            throw;
                        }

                        throw Failed(download, shown, ex is OperationCanceledException ? "no data in time" : ex.GetBaseException().Message, ex);
                    }
                }
            }

            if (download.Size is long expected && expected >= 0 && expected != written)
            {
                throw Failed(download, shown, string.Format(CultureInfo.InvariantCulture, "{0:N0} bytes arrived of the {1:N0} announced", written, expected), null);
            }
        }).ConfigureAwait(false);
    }

    private static Uri CheckSignedUrl(ArtifactDownload download)
    {
        if (!Uri.TryCreate(download.DownloadUrl, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new GumloopResponseException($"Gumloop returned a download URL for artifact {download.ArtifactId} that is not an http(s) URL; nothing was downloaded.");
        }

        // Plain http is accepted only on loopback (the simulator); elsewhere the file would cross the network in clear.
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new GumloopResponseException($"Gumloop returned a plain-http download URL for artifact {download.ArtifactId} ({DescribeUrl(download.DownloadUrl)}); only https is fetched. Nothing was downloaded.");
        }

        return uri;
    }

    private static GumloopNetworkException Failed(ArtifactDownload download, string shown, string reason, Exception? inner) =>
        new GumloopNetworkException($"Downloading artifact {download.ArtifactId} from {shown} failed: {reason}. Nothing was saved.", true, inner)
        {
            Method = "GET",
            Url = shown,
        };
}
