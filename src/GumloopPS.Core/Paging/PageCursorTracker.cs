using System;
using System.Collections.Generic;

namespace GumloopPS.Core;

/// <summary>
/// The cursors one paged read has followed. A server that hands out a cursor it has handed out before would keep a
/// cursor-following loop going forever, so the second sight of a cursor ends the read with an error, after at most
/// two requests for that cursor.
/// </summary>
public sealed class PageCursorTracker
{
    private const int ShownLength = 40;
    private readonly HashSet<string> _followed = new HashSet<string>(StringComparer.Ordinal);
    private readonly string _what;

    /// <param name="what">What the pages list, for the error message: "sessions of agent x", "GET /skills".</param>
    public PageCursorTracker(string what)
    {
        _what = what;
    }

    /// <summary>Records <paramref name="cursor"/> as the next page to fetch; throws when it was followed before.</summary>
    public void Follow(string cursor)
    {
        if (!_followed.Add(cursor))
        {
            string shown = cursor.Length > ShownLength ? cursor.Substring(0, ShownLength) + "…" : cursor;
            throw new GumloopPagingStalledException(
                $"Paging through {_what} stopped: the server returned the cursor '{shown}' a second time, so following it would never end. The items already written are complete up to that page.");
        }
    }
}
