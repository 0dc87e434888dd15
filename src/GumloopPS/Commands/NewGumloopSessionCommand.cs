using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.New, "GumloopSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(Session))]
[OutputType(typeof(StreamEvent), ParameterSetName = new[] { StreamSet })]
public sealed class NewGumloopSessionCommand : GumloopStreamSetCmdlet
{
    // Receives the piped object itself so that one of the wrong kind is refused (see PipelineKindAttribute).
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    [PipelineKind("agents or agent ids", typeof(Agent), typeof(Session), typeof(Message))]
    public object? PipelineInput { get; set; }

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ArgumentCompleter(typeof(AgentIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? AgentId { get; set; }

    // Mandatory when streaming: a session created without input has no reply to stream.
    [Parameter(Position = 1, ParameterSetName = DefaultSet)]
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = StreamSet)]
    [Alias("Message")]
    [ValidateNotNullOrEmpty]
    public string? Input { get; set; }

    [Parameter]
    [ValidateLength(1, 256)]
    public string? Name { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionId { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Metadata { get; set; }

    [Parameter(ParameterSetName = DefaultSet)]
    public SwitchParameter Wait { get; set; }

    [Parameter(ParameterSetName = DefaultSet)]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    // A session that ends failed is an error by default, like a failed flow run; this keeps the old quiet output.
    [Parameter(ParameterSetName = DefaultSet)]
    public SwitchParameter NoFailureError { get; set; }

    protected override void ProcessRecord()
    {
        var agentId = AgentId!;
        JsonMap? metadata = null;
        if (Metadata is not null && !TryConvert(Metadata, "-Metadata", agentId, out metadata))
        {
            return;
        }

        if (!ShouldProcessText($"agent {agentId}", Input is null ? "Create an idle session" : "Create a session and send the first message"))
        {
            return;
        }

        var request = new CreateSessionRequest
        {
            Input = Input,
            Name = Name,
            SessionId = SessionId,
            Metadata = metadata,
        };
        if (Stream)
        {
            RunStream(null, StreamEvents, MaxResumeCount, agentId,
                (onEvent, options, ct) => Client.StreamCreateSessionAsync(agentId, request, onEvent, options, ct));
            return;
        }

        var waitLimit = ResolveWaitLimit(WaitTimeoutSec, Wait);
        Run(async ct =>
        {
            try
            {
                var session = await Client.CreateSessionAsync(agentId, request, ct).ConfigureAwait(false);
                if (Wait)
                {
                    session = await WaitForSessionAsync(session, waitLimit, ct).ConfigureAwait(false);
                    EmitSessionOutcome(session, NoFailureError);
                    return;
                }

                Emit(session);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, agentId);
            }
        });
    }
}
