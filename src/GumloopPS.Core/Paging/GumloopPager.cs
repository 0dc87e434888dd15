using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Core;

/// <summary>What one paged read asks for: how the list pages, how many items at most, and the page size.</summary>
public sealed class PageRequest
{
    /// <summary>Largest <c>page_size</c> the API accepts (API.md 5.1); larger values are rejected by some endpoints.</summary>
    public const int MaxPageSize = 100;

    public PageRequest(PagingStyle style, string what)
    {
        Style = style;
        What = what ?? throw new ArgumentNullException(nameof(what));
    }

    public PagingStyle Style { get; }

    /// <summary>What the pages list, for error messages: "the sessions of agent x", "GET /skills".</summary>
    public string What { get; }

    /// <summary>Most items to read; null reads every page.</summary>
    public int? Limit { get; set; }

    /// <summary>Items per request. Null sends no <c>page_size</c> unless <see cref="Limit"/> is smaller than a page,
    /// because on some lists (GET /agents) a page size is what switches paging on.</summary>
    public int? PageSize { get; set; }

    /// <summary>The list's property in each page (<c>skills</c>, <c>logs</c>); null takes the page's first array.</summary>
    public string? ListProperty { get; set; }

    /// <summary>A cursor to start from (a previous read's <see cref="PageResult.NextCursor"/>).</summary>
    public string? StartCursor { get; set; }
}

/// <summary>How a paged read ended.</summary>
public sealed class PageResult
{
    /// <summary>Items handed to the caller.</summary>
    public int Read { get; internal set; }

    /// <summary>True when the read stopped at its limit while the server had more.</summary>
    public bool MoreAvailable { get; internal set; }

    /// <summary>The cursor of the first page not read, when the read stopped at its limit.</summary>
    public string? NextCursor { get; internal set; }

    /// <summary><c>total_count</c> of the first page, where the list reports one (skills, audit logs).</summary>
    public long? TotalCount { get; internal set; }

    /// <summary>Requests made.</summary>
    public int Pages { get; internal set; }
}

/// <summary>
/// The one loop over paged lists (API.md section 5): cursor lists, page-number lists and lists returned whole. Each
/// page's items are handed over as the page arrives, so a read of any length holds one page at a time. A cursor the
/// server repeats ends the read with <see cref="GumloopPagingStalledException"/> instead of looping forever.
/// </summary>
public static class GumloopPager
{
    /// <summary>Reads items, converting each with <paramref name="parse"/> and handing it to <paramref name="onItem"/>.</summary>
    /// <param name="newRequest">Builds a request carrying the list's own filters; the pager adds the paging parameters.</param>
    public static Task<PageResult> ReadAsync<T>(
        GumloopClient client,
        Func<GumloopRequest> newRequest,
        PageRequest page,
        Func<JsonElement, T> parse,
        Action<T> onItem,
        CancellationToken ct)
    {
        if (parse is null)
        {
            throw new ArgumentNullException(nameof(parse));
        }

        if (onItem is null)
        {
            throw new ArgumentNullException(nameof(onItem));
        }

        return ReadPagesAsync(client, newRequest, page, (response, root, room) =>
        {
            JsonElement items = FindList(response, root, page.ListProperty);
            GumloopClient.CheckItemCount(response, items, page.What, 0);
            int taken = 0;
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (taken >= room)
                {
                    break;
                }

                if (item.ValueKind == JsonValueKind.Object)
                {
                    onItem(parse(item));
                    taken++;
                }
            }

            return new PageItems(taken, items.GetArrayLength());
        }, ct);
    }

    /// <summary>
    /// Reads pages, handing each whole page to <paramref name="onPage"/> with the number of items the limit still
    /// allows. It returns how many items it used and how many the page held.
    /// </summary>
    public static async Task<PageResult> ReadPagesAsync(
        GumloopClient client,
        Func<GumloopRequest> newRequest,
        PageRequest page,
        Func<GumloopResponse, JsonElement, int, PageItems> onPage,
        CancellationToken ct)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (newRequest is null)
        {
            throw new ArgumentNullException(nameof(newRequest));
        }

        if (page is null)
        {
            throw new ArgumentNullException(nameof(page));
        }

        var result = new PageResult();
        var cursors = new PageCursorTracker(page.What);
        int limit = page.Limit ?? int.MaxValue;
        string? cursor = page.StartCursor;
        int pageNumber = 1;

        // A page number counts pages of one size: page 3 of 20-item pages is not page 3 of 50-item pages. So a
        // page-number read keeps the size of its first page throughout and trims the last page to the limit,
        // where a cursor read may shrink its last request.
        int? fixedSize = page.Style == PagingStyle.PageNumber ? PageSizeFor(page, limit) : null;
        if (cursor != null)
        {
            cursors.Follow(cursor);
        }

        while (true)
        {
            ct.ThrowIfCancellationRequested();
            GumloopRequest request = newRequest();
            int room = limit - result.Read;
            int? size = page.Style == PagingStyle.PageNumber ? fixedSize : PageSizeFor(page, room);
            if (page.Style != PagingStyle.None && size.HasValue)
            {
                request.Query["page_size"] = size.Value.ToString(CultureInfo.InvariantCulture);
            }

            if (page.Style == PagingStyle.Cursor && cursor != null)
            {
                request.Query["cursor"] = cursor;
            }
            else if (page.Style == PagingStyle.PageNumber && pageNumber > 1)
            {
                request.Query["page"] = pageNumber.ToString(CultureInfo.InvariantCulture);
            }

            using GumloopResponse response = await client.SendAsync(request, ct).ConfigureAwait(false);
            result.Pages++;
            using JsonDocument? parsed = ParseBytes(response);
            if (parsed is null && response.Json is null)
            {
                // An empty body (a raw read) has nothing more to page.
                return result;
            }

            JsonElement root = parsed?.RootElement ?? response.RootElement;
            if (root.ValueKind != JsonValueKind.Object && root.ValueKind != JsonValueKind.Array)
            {
                throw GumloopClient.Unexpected(response, "a JSON list");
            }

            if (result.Pages == 1 && root.ValueKind == JsonValueKind.Object)
            {
                result.TotalCount = JsonRead.Int64(root, "total_count");
            }

            PageItems used = onPage(response, root, room);
            result.Read += used.Used;
            bool limitReached = result.Read >= limit;

            string? next = null;
            if (root.ValueKind == JsonValueKind.Object && !used.Last)
            {
                if (page.Style == PagingStyle.Cursor)
                {
                    next = JsonRead.String(root, "next_cursor");
                    next = string.IsNullOrEmpty(next) ? null : next;
                }
                else if (page.Style == PagingStyle.PageNumber && used.OnPage > 0)
                {
                    long? totalPages = JsonRead.Int64(root, "total_pages");
                    int current = JsonRead.Int32(root, "page") ?? pageNumber;
                    // Without total_pages a full page means there may be more; the size is the one sent, or the
                    // server's default as it reports it.
                    int? pageSize = size ?? JsonRead.Int32(root, "page_size");
                    bool more = totalPages.HasValue ? current < totalPages.Value : pageSize.HasValue && used.OnPage >= pageSize.Value;
                    next = more ? (current + 1).ToString(CultureInfo.InvariantCulture) : null;
                }
            }

            if (next is null)
            {
                return result;
            }

            if (limitReached)
            {
                result.MoreAvailable = true;
                result.NextCursor = page.Style == PagingStyle.Cursor ? next : null;
                return result;
            }

            if (page.Style == PagingStyle.Cursor)
            {
                cursors.Follow(next);
                cursor = next;
            }
            else
            {
                int following = int.Parse(next, CultureInfo.InvariantCulture);
                if (following <= pageNumber)
                {
                    // A server that numbers pages backwards would loop like a repeated cursor.
                    cursors.Follow("page " + next);
                }

                cursors.Follow("page " + pageNumber.ToString(CultureInfo.InvariantCulture));
                pageNumber = following;
            }
        }
    }

    /// <summary>The list in a page: the named property, a bare array, or the page's first array.</summary>
    public static JsonElement FindList(GumloopResponse response, JsonElement root, string? listProperty)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root;
        }

        if (listProperty != null)
        {
            if (JsonRead.TryGet(root, listProperty, out JsonElement named) && named.ValueKind == JsonValueKind.Array)
            {
                return named;
            }

            throw GumloopClient.Unexpected(response, "a '" + listProperty + "' list");
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                return property.Value;
            }
        }

        throw GumloopClient.Unexpected(response, "a list");
    }

    /// <summary>Parses a body read as bytes (raw calls); null when the body was read as JSON or is empty.</summary>
    private static JsonDocument? ParseBytes(GumloopResponse response)
    {
        if (response.Json != null || response.Bytes is not { Length: > 0 } bytes)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            throw GumloopClient.Unexpected(response, "a JSON body to page through");
        }
    }

    private static int? PageSizeFor(PageRequest page, int room)
    {
        if (page.PageSize is { } size)
        {
            return Math.Max(1, Math.Min(Math.Min(size, PageRequest.MaxPageSize), room));
        }

        return room < PageRequest.MaxPageSize ? Math.Max(1, room) : null;
    }
}

/// <summary>What one page gave: the items used (within the limit) and the items it held.</summary>
public readonly struct PageItems
{
    public PageItems(int used, int onPage, bool last = false)
    {
        Used = used;
        OnPage = onPage;
        Last = last;
    }

    /// <summary>The page had nothing to page through (no list): the read ends after it.</summary>
    public static PageItems End => new PageItems(0, 0, true);

    public int Used { get; }

    public int OnPage { get; }

    public bool Last { get; }
}
