using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Commands;

/// <summary>
/// Shared by Get-GumloopFlow and Get-GumloopWorkbook. The API has no get-one call for either, so both list
/// once per invocation, however many ids are piped in, and pick by id or by -Name from that list.
/// </summary>
public abstract class GumloopCatalogCmdlet<T> : GumloopApiCmdlet
    where T : class
{
    protected const string ListSet = "List";
    protected const string ByIdSet = "ById";

    private IReadOnlyList<T>? _items;

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Internal.CatalogNameCompleter))]
    public string? Name { get; set; }

    private protected abstract Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken);

    private protected abstract string? IdOf(T item);

    private protected abstract string? NameOf(T item);

    /// <summary>The error for an id that is not in the list; the caller reports it with the id as target.</summary>
    private protected abstract Exception NotFound(string id);

    /// <summary>The error for an exact -Name that matches nothing.</summary>
    private protected abstract Exception NotFoundByName(string name);

    /// <summary>Writes the listed items that match <paramref name="predicate"/> (for example the flows of one workbook).</summary>
    private protected void EmitMatching(Func<T, bool> predicate, object? target)
    {
        Run(async ct =>
        {
            try
            {
                _items ??= await ListAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, target);
                return;
            }

            foreach (var item in _items.Where(predicate))
            {
                Emit(item);
            }
        });
    }

    /// <summary>Writes the items with these ids, or with <paramref name="ids"/> null those matching -Name.</summary>
    private protected void EmitSelected(string[]? ids)
    {
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        Run(async ct =>
        {
            try
            {
                _items ??= await ListAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, ids is null ? Name : string.Join(", ", ids));
                return;
            }

            if (ids is null)
            {
                // A name without wildcards that is really an id (typed in position 0) finds that item too.
                var found = _items.Where(i => pattern is null || pattern.IsMatch(NameOf(i) ?? string.Empty)
                    || (!WildcardPattern.ContainsWildcardCharacters(Name) && string.Equals(IdOf(i), Name, StringComparison.Ordinal))).ToList();
                foreach (var item in found)
                {
                    Emit(item);
                }

                // Like Get-Item: an exact name that matches nothing is an error; a wildcard that matches nothing is not.
                if (found.Count == 0 && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    EmitError(NotFoundByName(Name), Name);
                }

                return;
            }

            foreach (var id in ids)
            {
                var item = _items.FirstOrDefault(i => string.Equals(IdOf(i), id, StringComparison.Ordinal));
                if (item is null)
                {
                    EmitError(NotFound(id), id);
                }
                else
                {
                    Emit(item);
                }
            }
        });
    }
}
