using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Core;

/// <summary>Filters of GET /skills (API.md 10.10); null values are not sent.</summary>
public sealed class SkillListQuery
{
    public string? TeamId { get; set; }
    public string? Search { get; set; }

    /// <summary><c>newest</c>, <c>popular</c> or <c>most_used</c>.</summary>
    public string? SortOrder { get; set; }
    public string? CreatorUserId { get; set; }
    public string? RelatedServerId { get; set; }
    public string? AgentId { get; set; }
    public bool Unused { get; set; }
}

/// <summary>The skill endpoints (API.md 10.10), except the undocumented CLI sync routes.</summary>
public static class GumloopSkillClient
{
    private const int MaxRedirects = 5;

    // The signed URL is fetched without the connection's default headers (Authorization, x-auth-key): it carries its own
    // signature, and a storage host must never see the Gumloop credential. Redirects are followed by hand, see below.
    private static readonly Lazy<HttpClient> SignedUrlHttp = new Lazy<HttpClient>(() =>
        new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan });

    /// <summary>Reads skills through the pager; the result's TotalCount is the list's <c>total_count</c>.</summary>
    public static Task<PageResult> ReadSkillsAsync(this GumloopClient client, SkillListQuery query, PageRequest page, Action<Skill> onItem, CancellationToken ct)
    {
        query ??= new SkillListQuery();
        page.ListProperty ??= "skills";
        return GumloopPager.ReadAsync(client, () =>
        {
            var request = new GumloopRequest(HttpMethod.Get, "skills");
            request.Query["team_id"] = query.TeamId;
            request.Query["search_query"] = query.Search;
            request.Query["sort_order"] = query.SortOrder;
            request.Query["creator_user_id"] = query.CreatorUserId;
            request.Query["related_server_id"] = query.RelatedServerId;
            request.Query["agent_id"] = query.AgentId;

            // Any value means "only unused"; absent means all, so false sends nothing.
            request.Query["unused"] = query.Unused ? "true" : null;
            return request;
        }, page, Skill.FromJson, onItem, ct);
    }

    /// <summary>Creates a skill from a checked package (POST /skills, multipart).</summary>
    public static async Task<Skill> CreateSkillAsync(this GumloopClient client, SkillPackage package, string? teamId, CancellationToken ct)
    {
        if (package == null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        // A team key's team goes in the form too, as the official SDK does for body-scoped routes.
        string? team = teamId ?? client.Connection.TeamId;
        var request = new GumloopRequest(HttpMethod.Post, "skills")
        {
            ContentFactory = () => Multipart(package, team),

            // A repeat after the server stored the first would make a second skill.
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSkill(response);
    }

    /// <summary>Uploads a new version of a skill (PATCH /skills/{id}, multipart).</summary>
    public static async Task<Skill> UpdateSkillAsync(this GumloopClient client, string skillId, SkillPackage package, CancellationToken ct)
    {
        if (package == null)
        {
            throw new ArgumentNullException(nameof(package));
        }

        var request = new GumloopRequest(new HttpMethod("PATCH"), "skills/" + GumloopPath.Segment(skillId))
        {
            ContentFactory = () => Multipart(package, null),

            // Each accepted upload makes a new version, so a repeat is not harmless.
            Kind = GumloopRequestKind.Other,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        return ReadSkill(response);
    }

    /// <summary>Deletes a skill (soft delete); an empty 2xx counts as deleted, as the SDK reads it.</summary>
    public static async Task<bool> DeleteSkillAsync(this GumloopClient client, string skillId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Delete, "skills/" + GumloopPath.Segment(skillId))
        {
            ResponseMode = GumloopResponseMode.JsonOrEmpty,
        };
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        if (response.Json == null || response.Json.RootElement.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        return JsonRead.Bool(response.Json.RootElement, "deleted") ?? true;
    }

    /// <summary>Asks for a signed download URL of a skill version (the current draft when <paramref name="versionId"/> is null).</summary>
    public static async Task<SkillDownload> GetSkillDownloadAsync(this GumloopClient client, string skillId, string? versionId, CancellationToken ct)
    {
        var request = new GumloopRequest(HttpMethod.Get, "skills/" + GumloopPath.Segment(skillId) + "/download");
        request.Query["version_id"] = string.IsNullOrWhiteSpace(versionId) ? null : versionId;
        using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
        if (response.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw GumloopClient.Unexpected(response, "a download object");
        }

        SkillDownload download = SkillDownload.FromJson(response.RootElement);
        if (string.IsNullOrEmpty(download.DownloadUrl))
        {
            throw GumloopClient.Unexpected(response, "a 'download_url'");
        }

        download.SkillId ??= skillId;
        return download;
    }

    /// <summary>
    /// Fetches the archive a signed URL points to, without any Gumloop credential, following up to five redirects to
    /// http(s) URLs. The body is capped at the connection's response limit. Messages name the host and path only: the
    /// query holds the signature.
    /// </summary>
    public static async Task<byte[]> DownloadSignedAsync(this GumloopClient client, SkillDownload download, CancellationToken ct)
    {
        if (download?.DownloadUrl == null)
        {
            throw new ArgumentException("The download has no URL.", nameof(download));
        }

        if (!Uri.TryCreate(download.DownloadUrl, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new GumloopResponseException("Gumloop returned a skill download link that is not an http(s) URL.");
        }

        TimeSpan timeout = client.EffectiveRequestTimeout;
        using var timeoutCts = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        if (timeout > TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            timeoutCts.CancelAfter(timeout);
        }

        try
        {
            for (int hop = 0; ; hop++)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, uri);
                using HttpResponseMessage response = await SignedUrlHttp.Value.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status >= 300 && status <= 399 && response.Headers.Location != null)
                {
                    if (hop >= MaxRedirects)
                    {
                        throw new GumloopResponseException($"The skill download from {Where(uri)} redirected more than {MaxRedirects} times.") { StatusCode = status };
                    }

                    Uri next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(uri, response.Headers.Location);
                    if (next.Scheme != Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttp)
                    {
                        throw new GumloopResponseException($"The skill download from {Where(uri)} redirected to a link that is not http(s).") { StatusCode = status };
                    }

                    uri = next;
                    continue;
                }

                if (status < 200 || status > 299)
                {
                    throw new GumloopResponseException(
                        $"The skill download from {Where(uri)} failed with HTTP {status}. Signed links expire within minutes; run the command again for a fresh one.")
                    { StatusCode = status, Method = "GET", Url = Where(uri) };
                }

                long limit = client.Connection.MaxResponseBytes;
                using Stream raw = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using var limited = new LimitedReadStream(raw, limit, max => new GumloopResponseException(
                    $"The skill download from {Where(uri)} is larger than the {max:N0}-byte limit; nothing was saved. Raise the connection's response-size limit if the skill is expected.")
                {
                    SizeLimitBytes = max,
                });
                using var collected = new MemoryStream();
                await limited.CopyToAsync(collected, 81920, linked.Token).ConfigureAwait(false);
                return collected.ToArray();
            }
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested && timeoutCts.IsCancellationRequested)
        {
            throw new GumloopTimeoutException($"The skill download from {Where(uri)} did not complete within {timeout.TotalSeconds:0.###} seconds.", timeout, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GumloopNetworkException($"Could not download the skill from {Where(uri)}: {ex.GetBaseException().Message}", false, ex);
        }
    }

    /// <summary>Scheme, host and path of a signed URL: never its query, which holds the signature.</summary>
    internal static string Where(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    private static Skill ReadSkill(GumloopResponse response)
    {
        JsonElement root = response.RootElement;
        if (root.ValueKind == JsonValueKind.Object && JsonRead.TryGet(root, "skill", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object)
        {
            return Skill.FromJson(inner);
        }

        throw GumloopClient.Unexpected(response, "a 'skill' object");
    }

    private static HttpContent Multipart(SkillPackage package, string? teamId)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(package.Content);
        file.Headers.ContentType = new MediaTypeHeaderValue(package.MediaType);
        form.Add(file, "files", package.FileName);
        if (!string.IsNullOrEmpty(teamId))
        {
            form.Add(new StringContent(teamId!), "team_id");
        }

        return new TrackedMultipartContent(form);
    }
}

/// <summary>A multipart body that records whether sending began (see <see cref="ITrackedContent"/>).</summary>
internal sealed class TrackedMultipartContent : HttpContent, ITrackedContent
{
    private readonly MultipartFormDataContent _inner;
    private int _started;

    public TrackedMultipartContent(MultipartFormDataContent inner)
    {
        _inner = inner;
        Headers.ContentType = inner.Headers.ContentType;
    }

    public bool Started => Volatile.Read(ref _started) != 0;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        Volatile.Write(ref _started, 1);
        return _inner.CopyToAsync(stream);
    }

    protected override bool TryComputeLength(out long length)
    {
        long? known = _inner.Headers.ContentLength;
        length = known ?? 0;
        return known.HasValue;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
