using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;

namespace GumloopPS.Commands;

/// <summary>
/// Base of the cmdlets that read a paged list: -All and -First, one request per page through the one pager, items
/// written as their page arrives, and a warning when the default single page left more behind. A list cmdlet
/// supplies only its filters, as the area client's read method, and what it lists.
/// </summary>
public abstract class GumloopListCmdlet<T> : GumloopApiCmdlet
    where T : class
{
    /// <summary>The parameter set that reads the list; a cmdlet that also gets items by id has a set of its own for that.</summary>
    protected const string ListSet = "List";

    /// <summary>Items read when neither -All nor -First is given: one page.</summary>
    protected const int DefaultPageSize = 20;

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    /// <summary>Whether this invocation reads the list; false when it gets single items by id instead.</summary>
    protected virtual bool IsListing => ParameterSetName == ListSet;

    /// <summary>How the list pages (API.md section 5).</summary>
    protected virtual PagingStyle Paging => PagingStyle.Cursor;

    /// <summary>What the list holds, for messages: "versions of agent x".</summary>
    protected abstract string ListName { get; }

    /// <summary>The list's error target: the id whose list is read, or null.</summary>
    protected virtual object? ListTarget => null;

    /// <summary>Reads the list through the area client, handing every item to <paramref name="onItem"/>.</summary>
    private protected abstract Task<PageResult> ReadListAsync(PageRequest page, Action<T> onItem, CancellationToken ct);

    /// <summary>Checks the list's arguments before anything is sent; writes the error and returns false to send nothing.</summary>
    private protected virtual bool CheckListArguments() => true;

    /// <summary>Gets the single items the invocation names, when <see cref="IsListing"/> is false.</summary>
    private protected virtual IEnumerable<Func<CancellationToken, Task<T>>> GetItems() => Array.Empty<Func<CancellationToken, Task<T>>>();

    /// <summary>The error target of the n-th single item.</summary>
    private protected virtual object? ItemTarget(int index) => null;

    protected override void ProcessRecord()
    {
        if (!IsListing)
        {
            Run(async ct =>
            {
                int index = 0;
                foreach (var get in GetItems())
                {
                    try
                    {
                        Emit(await get(ct).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (IsReportable(ex))
                    {
                        EmitError(ex, ItemTarget(index));
                    }

                    index++;
                }
            });
            return;
        }

        if (!CheckListArguments())
        {
            return;
        }

        var page = new PageRequest(Paging, ListName)
        {
            Limit = All ? null : (First > 0 ? First : DefaultPageSize),
            PageSize = All ? PageRequest.MaxPageSize : null,
        };
        Run(async ct =>
        {
            try
            {
                PageResult result = await ReadListAsync(page, Emit, ct).ConfigureAwait(false);
                if (result.MoreAvailable && !All && First == 0)
                {
                    EmitWarning($"There are more {ListName}. Use -All, or -First <n>, to get them.");
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, ListTarget);
            }
        });
    }
}
