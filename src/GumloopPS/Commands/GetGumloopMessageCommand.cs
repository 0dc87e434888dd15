using System;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopMessage", DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(Message))]
public sealed class GetGumloopMessageCommand : GumloopApiCmdlet
{
    private const string ByIdSet = "ById";

    // The default set takes the id by name or position only, so a mandatory prompt asks for an id someone can
    // type. PowerShell tries the default set first for piped input; with no pipeline parameter there, piped
    // objects reach the typed parameter by value before any property-name or ToString() binding.
    private const string ByIdPipelineSet = "ByIdPipeline";
    private const string BySessionSet = "BySession";

    // The id set is the default, so a mandatory prompt asks for an id someone can type. A piped object still
    // binds to the typed parameter first (by value, without conversion); PipelineInput refuses objects of the
    // wrong kind before their ToString() could be taken for an id.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByIdPipelineSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [IdOf("sessions or session ids", typeof(Session), typeof(Message), typeof(QueuedMessage), typeof(PendingApproval), typeof(ApprovalOutcome), typeof(SessionFile), typeof(StreamEvent))]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string[]? SessionId { get; set; }

    // A piped Session already holds its transcript (unless it came from a list), which saves a request per session.
    [Parameter(Mandatory = true, ParameterSetName = BySessionSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session? Session { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(MessageRoleCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Role { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == BySessionSet)
        {
            var session = Session!;
            if (session.HasMessages)
            {
                WriteMessages(session);
                return;
            }

            if (string.IsNullOrEmpty(session.Id))
            {
                WriteError(Errors.ErrorMap.Create(new PSArgumentException("The session has no id."), Errors.ErrorMap.InvalidId, ErrorCategory.InvalidArgument, session));
                return;
            }

            Fetch(new[] { session.Id! });
            return;
        }

        Fetch(SessionId!);
    }

    private void Fetch(string[] ids)
    {
        var client = Client;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                // Each message reaches the pipeline as soon as its JSON is complete and its author is known, through
                // the bounded output queue in batches of what is waiting, so memory stays flat however long the
                // transcript is and a million messages do not cost two million thread switches.
                var handoff = new ItemHandoff<Message>(1024, ct);
                try
                {
                    await client.StreamTranscriptAsync(id, static (_, _) => { }, message =>
                    {
                        if (Wanted(message) && handoff.Add(message))
                        {
                            Post(() =>
                            {
                                foreach (Message m in handoff.TakeAll())
                                {
                                    WriteObject(m);
                                }
                            });
                        }
                    }, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
            }
        });
    }

    private bool Wanted(Message message) =>
        Role is null || Role.Any(r => string.Equals(r, message.Role, StringComparison.OrdinalIgnoreCase));

    private void WriteMessages(Session session)
    {
        foreach (var message in session.Messages)
        {
            if (Wanted(message))
            {
                WriteObject(message);
            }
        }
    }
}
