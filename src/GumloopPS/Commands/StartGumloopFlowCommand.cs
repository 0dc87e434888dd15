using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Start, "GumloopFlow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FlowRun))]
public sealed class StartGumloopFlowCommand : GumloopFlowCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("flows or flow ids", typeof(Flow), typeof(FlowRun), typeof(FlowInput))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("SavedItemId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FlowIdCompleter))]
    public string? FlowId { get; set; }

    [Parameter(Position = 1)]
    [Alias("Input")]
    [ValidateNotNull]
    public IDictionary? Inputs { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        var flowId = FlowId!;
        IDictionary<string, object?> inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Inputs is not null)
        {
            if (!TryConvert(Inputs, "-Inputs", flowId, out var converted))
            {
                return;
            }

            inputs = converted!;
        }

        try
        {
            // Reserved names are refused before anything is sent, even under -WhatIf.
            FlowInputRules.CheckReserved(flowId, inputs.Keys);
        }
        catch (GumloopFlowInputException ex)
        {
            WriteError(Errors.ErrorMap.ToErrorRecord(ex, flowId));
            return;
        }

        var described = inputs.Count == 0 ? "with no inputs" : "with inputs " + string.Join(", ", inputs.Keys);
        if (!ShouldProcessText($"flow {flowId}", $"Start a run {described}"))
        {
            return;
        }

        var timeout = ResolveWaitLimit(WaitTimeoutSec, Wait);
        Run(async ct =>
        {
            FlowRun? run = null;
            try
            {
                var schema = await Client.GetFlowInputsAsync(flowId, ct).ConfigureAwait(false);
                FlowInputRules.Validate(flowId, inputs.Keys, schema);
                run = await Client.StartFlowAsync(flowId, inputs, ct).ConfigureAwait(false);
                EmitVerbose($"Started flow run {run.RunId}: {run.Url}");
                if (Wait)
                {
                    EmitFinishedRun(await WaitForFlowRunAsync(run, new WaitDeadline(timeout), ct).ConfigureAwait(false));
                    return;
                }

                // One poll gives the caller a state to look at; the run started either way, so a failed poll only loses that.
                try
                {
                    run = await Client.GetFlowRunAsync(run.RunId!, ct, run).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsReportable(ex) && ex is not GumloopFlowScopeException)
                {
                    EmitVerbose($"The run started, but reading its state failed: {ex.Message}");
                }

                Emit(run);
            }
            catch (GumloopFlowRunTimeoutException ex)
            {
                EmitError(ex, ex.Run);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, (object?)run ?? flowId);
            }
        });
    }
}
