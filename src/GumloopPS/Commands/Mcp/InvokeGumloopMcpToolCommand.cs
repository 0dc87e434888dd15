using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "GumloopMcpTool", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(McpToolResult))]
public sealed class InvokeGumloopMcpToolCommand : GumloopApiCmdlet
{
    private readonly List<McpToolCall> _pending = new();
    private int _sequence;

    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("MCP tools, or objects with ServerId, ToolName and Arguments", typeof(McpTool), typeof(McpToolResult))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpServerIdCompleter))]
    public string? ServerId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(McpToolNameCompleter))]
    public string? ToolName { get; set; }

    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    public IDictionary? Arguments { get; set; }

    /// <summary>Echoed in the result and named in its error; numbered from 0 in pipeline order when not given.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Ref { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        string reference = Ref ?? _sequence.ToString(CultureInfo.InvariantCulture);
        _sequence++;
        JsonMap? arguments = null;
        if (Arguments != null && !TryConvert(Arguments, nameof(Arguments), reference, out arguments))
        {
            return;
        }

        if (!ShouldProcessText($"tool {ToolName} on MCP server {ServerId} (call {reference})", "Call (the tool may act on outside systems)"))
        {
            return;
        }

        _pending.Add(new McpToolCall(ServerId!, ToolName!, arguments, reference));
        if (_pending.Count >= GumloopMcpClient.MaxCallsPerRequest)
        {
            Flush();
        }
    }

    protected override void EndProcessing() => Flush();

    /// <summary>Sends what is waiting in one request: up to five calls, so piping many calls costs a fifth of the requests.</summary>
    private void Flush()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToArray();
        _pending.Clear();
        var teamId = TeamId;
        Run(async ct =>
        {
            IReadOnlyList<McpToolResult> results;
            try
            {
                results = await Client.CallMcpToolsAsync(batch, teamId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                // The whole request failed (400, 401, 403, 5xx): every call of the batch shares that error.
                foreach (var call in batch)
                {
                    EmitError(ex, call.Ref);
                }

                return;
            }

            foreach (var result in results)
            {
                if (result.Succeeded)
                {
                    Emit(result);
                    continue;
                }

                var failure = new GumloopMcpToolException(result);
                bool connect = string.Equals(result.Status, "unauthenticated", StringComparison.OrdinalIgnoreCase) || result.ErrorCode == "auth_required";
                EmitError(ErrorMap.Create(
                    failure,
                    connect ? ErrorMap.McpNotConnected : ErrorMap.McpToolFailed,
                    connect ? ErrorCategory.AuthenticationError : ErrorCategory.InvalidResult,
                    result.Ref,
                    connect ? $"Open {result.AuthUrl ?? "the Gumloop connector settings"} in a browser to connect {result.ServerId}, then call the tool again."
                        : "The exception's Result holds the whole answer (ErrorCode, Error.details); Get-GumloopMcpTool shows the tool's parameters."));
            }
        });
    }
}
