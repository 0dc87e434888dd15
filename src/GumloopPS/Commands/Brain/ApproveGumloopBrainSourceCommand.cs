using System;
using System.Globalization;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Approves a draft source: its estimated run indexes for real and the credits are charged. The prompt shows the
/// estimate first, so the cost is known before anyone says yes.
/// </summary>
[Cmdlet(VerbsLifecycle.Approve, "GumloopBrainSource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BrainSource))]
public sealed class ApproveGumloopBrainSourceCommand : GumloopApiCmdlet
{
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("Brain sources, their estimates, or source ids", typeof(BrainSource), typeof(BrainSourceEstimate))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceIdCompleter))]
    public string[]? SourceId { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var id in SourceId!)
        {
            // The estimate is a read: fetching it first costs nothing and puts the price into the prompt. A source
            // that does not exist ends here; any other failure only leaves the price out of the prompt.
            BrainSourceEstimate? estimate = null;
            bool missing = false;
            Run(async ct =>
            {
                try
                {
                    estimate = await Client.GetBrainSourceEstimateAsync(id, ct).ConfigureAwait(false);
                }
                catch (GumloopApiException ex) when (ex.StatusCode == 404)
                {
                    missing = true;
                    EmitError(ex, id);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitVerbose($"No estimate for Brain source {id}: {ex.Message}");
                }
            });
            if (missing)
            {
                continue;
            }

            if (!ShouldProcessText($"Brain source {id}", Describe(estimate)))
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    Emit(await Client.ApproveBrainSourceAsync(id, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            });
        }
    }

    private static string Describe(BrainSourceEstimate? estimate)
    {
        if (estimate is not { HasEstimate: true })
        {
            return "Approve and index (no estimate yet: the credits charged are not known)";
        }

        string credits = estimate.EstimatedCredits?.ToString("N0", CultureInfo.InvariantCulture) ?? "an unknown number of";
        string documents = estimate.DocumentCount?.ToString("N0", CultureInfo.InvariantCulture) ?? "its";
        return $"Approve and index {documents} documents for an estimated {credits} credits";
    }
}
