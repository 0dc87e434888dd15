using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Core.Catalog;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopBrainFile")]
[OutputType(typeof(BrainFile))]
public sealed class GetGumloopBrainFileCommand : GumloopApiCmdlet
{
    private const int DefaultPageSize = 20;

    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("Brain sources, their estimates, or source ids", typeof(BrainSource), typeof(BrainSourceEstimate))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceIdCompleter))]
    public string[]? SourceId { get; set; }

    /// <summary>Keeps only files in these states (a local filter: the list route takes none).</summary>
    [Parameter]
    [ValidateSet("uploaded", "indexing", "indexed", "failed", IgnoreCase = true)]
    public string[]? Status { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int First { get; set; }

    [Parameter]
    public SwitchParameter All { get; set; }

    protected override void ProcessRecord()
    {
        var ids = SourceId!;
        var status = Status;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                // A status filter reads every page, since the matching files may be on any of them.
                bool readAll = All || status is { Length: > 0 };
                var page = new PageRequest(PagingStyle.Cursor, $"the files of Brain source {id}")
                {
                    Limit = readAll ? null : (First > 0 ? First : DefaultPageSize),
                    PageSize = readAll ? PageRequest.MaxPageSize : null,
                };
                int written = 0;
                try
                {
                    var result = await Client.ReadBrainFilesAsync(id, page, file =>
                    {
                        if (status is { Length: > 0 } && Array.FindIndex(status, s => string.Equals(s, file.Status, StringComparison.OrdinalIgnoreCase)) < 0)
                        {
                            return;
                        }

                        if (First > 0 && written >= First)
                        {
                            return;
                        }

                        written++;
                        Emit(file);
                    }, ct).ConfigureAwait(false);
                    if (result.MoreAvailable && !All && First == 0)
                    {
                        EmitWarning($"More files exist in Brain source {id}. Use -All, or -First <n>, to get them.");
                    }
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }
}
