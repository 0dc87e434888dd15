using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using GumloopPS.Core;
using GumloopPS.Internal;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

/// <summary>
/// Shared by Approve- and Deny-GumloopApproval. Asks are collected over the whole pipeline and answered in
/// EndProcessing with one request per session (up to 20 answers each): the agent resumes only once every
/// pending ask is answered, so answers sent one by one would resume it on a partial picture, and a Ctrl+C
/// before the end of the pipeline sends nothing at all.
/// </summary>
public abstract class ApprovalCommandBase : GumloopApiCmdlet
{
    protected const string ByInputObjectSet = "ByInputObject";
    protected const string ByIdSet = "ById";

    // The default id set takes nothing from the pipeline (PowerShell tries the default set first), so a piped
    // PendingApproval binds whole, and rows with SessionId and ActionRequestId bind here by property name.
    protected const string ByIdPipelineSet = "ByIdPipeline";

    private readonly List<Answer> _answers = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    // The id set is the default, so a mandatory prompt asks for ids someone can type. A piped PendingApproval
    // still binds whole (by value, before any property-name binding), so its details feed the prompt.
    [Parameter(Mandatory = true, ParameterSetName = ByInputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PendingApproval? InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByIdPipelineSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SessionIdCompleter))]
    public string? SessionId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ByIdSet)]
    [Parameter(Mandatory = true, ParameterSetName = ByIdPipelineSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ActionRequestId { get; set; }

    [Parameter]
    [ValidateLength(1, 1000)]
    public string? Reason { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    // Outcomes are the answer to "what happened to my approvals"; the session is a second, long kind of object,
    // so it is written only when asked for (or after -Wait, when its final state is the point).
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    public SwitchParameter Stream { get; set; }

    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxResumeCount { get; set; } = 3;

    [Parameter]
    [ValidateRange(1, 604800)]
    public int? StreamTimeoutSec { get; set; }

    private protected override int? StreamTimeout => StreamTimeoutSec;

    /// <summary><c>accept</c> or <c>reject</c>.</summary>
    private protected abstract string Action { get; }

    /// <summary>The verb shown to people: Approve or Deny.</summary>
    private protected abstract string Verb { get; }

    /// <summary>Builds the answer for one ask, or writes an error and returns null when it cannot be answered as asked.</summary>
    private protected virtual ApprovalResponse? BuildResponse(string actionRequestId, PendingApproval? ask) =>
        new ApprovalResponse(actionRequestId, Action) { Reason = Reason };

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ByInputObjectSet)
        {
            var ask = InputObject!;
            if (string.IsNullOrEmpty(ask.SessionId) || string.IsNullOrEmpty(ask.ActionRequestId))
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException("The pending approval has no SessionId or ActionRequestId. Get pending asks with Get-GumloopApproval."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, ask));
                return;
            }

            Consider(ask.SessionId!, ask.ActionRequestId!, ask);
            return;
        }

        var sessionId = SessionId!;
        var session = Lookup(sessionId);
        if (session is null)
        {
            return;
        }

        foreach (var id in ActionRequestId!)
        {
            // Checked here so a wrong id is reported on its own instead of failing the whole request for the session.
            var ask = session.PendingApprovals.FirstOrDefault(a => string.Equals(a.ActionRequestId, id, StringComparison.Ordinal));
            if (ask is null)
            {
                WriteError(NotPending(session, sessionId, id));
                continue;
            }

            ask.SessionId ??= sessionId;
            Consider(sessionId, id, ask);
        }
    }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Wait && Stream)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("Use -Wait or -Stream, not both: -Stream already lasts until the resumed turn ends."),
                ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, null));
        }
    }

    protected override void EndProcessing()
    {
        var timeout = ResolveWaitLimit(WaitTimeoutSec, Wait);
        foreach (var answers in _answers.GroupBy(a => a.SessionId, StringComparer.Ordinal).Select(g => g.ToList()).ToList())
        {
            var sessionId = answers[0].SessionId;
            var last = Send(sessionId, answers);
            if (last is null)
            {
                continue;
            }

            if (Stream)
            {
                // The returned cursor marks where the restarted run begins, so nothing it says is missed.
                var cursor = last.StreamCursor;
                RunStream(sessionId, false, MaxResumeCount, sessionId,
                    (onEvent, options, ct) => Client.ResumeStreamAsync(sessionId, cursor, onEvent, options, ct));
                continue;
            }

            if (!Wait && !PassThru)
            {
                continue;
            }

            Run(async ct =>
            {
                try
                {
                    var session = last.Session;
                    if (Wait)
                    {
                        session = await WaitForSessionAsync(session, timeout, ct).ConfigureAwait(false);
                    }

                    Emit(session);
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, sessionId);
                }
            });
        }
    }

    /// <summary>Sends the answers for one session, 20 per request, writing each outcome; returns the last result, or null if the first request failed.</summary>
    private ApprovalResult? Send(string sessionId, List<Answer> answers)
    {
        ApprovalResult? last = null;
        Run(async ct =>
        {
            try
            {
                for (int i = 0; i < answers.Count; i += GumloopClient.MaxApprovalResponses)
                {
                    var chunk = answers.Skip(i).Take(GumloopClient.MaxApprovalResponses).ToList();
                    var result = await Client.ResolveApprovalsAsync(sessionId, chunk.Select(a => a.Response).ToList(), ct).ConfigureAwait(false);
                    foreach (var outcome in result.Results)
                    {
                        var answer = chunk.FirstOrDefault(a => string.Equals(a.ActionRequestId, outcome.ActionRequestId, StringComparison.Ordinal));
                        outcome.SessionId ??= sessionId;
                        outcome.Type ??= answer?.Ask?.Type;
                        outcome.ToolName ??= answer?.Ask?.ToolName;
                        outcome.Title ??= answer?.Ask?.Title;
                        Emit(outcome);
                    }

                    last = result;
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, sessionId);
            }
        });
        return last;
    }

    private void Consider(string sessionId, string actionRequestId, PendingApproval? ask)
    {
        if (_answers.Any(a => a.SessionId == sessionId && a.ActionRequestId == actionRequestId))
        {
            // The API rejects a request that names one ask twice, which would lose every other answer with it.
            WriteWarning(HostText.Line($"Ask {actionRequestId} of session {sessionId} was given more than once; it is answered once."));
            return;
        }

        var response = BuildResponse(actionRequestId, ask);
        if (response is null)
        {
            return;
        }

        if (!ShouldProcessText(
                $"{Verb} {Describe(ask, actionRequestId)} (ask {Field(actionRequestId)} of session {Field(sessionId)}).",
                Prompt(sessionId, actionRequestId, ask),
                $"{Verb} a Gumloop approval"))
        {
            return;
        }

        _answers.Add(new Answer(sessionId, actionRequestId, ask, response));
    }

    private Session? Lookup(string sessionId)
    {
        if (_sessions.TryGetValue(sessionId, out var cached))
        {
            return cached;
        }

        Session? found = null;
        Run(async ct =>
        {
            try
            {
                found = await Client.GetSessionAsync(sessionId, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, sessionId);
            }
        });
        if (found is not null)
        {
            _sessions[sessionId] = found;
        }

        return found;
    }

    private static ErrorRecord NotPending(Session session, string sessionId, string actionRequestId)
    {
        if (!string.Equals(session.State, "approval_required", StringComparison.Ordinal))
        {
            var notWaiting = new InvalidOperationException(
                $"Session {sessionId} is not waiting for approval (state '{session.State}'), so ask '{actionRequestId}' cannot be answered. Nothing was sent.");
            return new ErrorRecord(notWaiting, ErrorMap.NotAwaitingApproval, ErrorCategory.InvalidOperation, actionRequestId)
            {
                ErrorDetails = new ErrorDetails(HostText.Block(notWaiting.Message)) { RecommendedAction = "Check the session with Get-GumloopSession; only approval_required sessions take answers." },
            };
        }

        var pending = string.Join(", ", session.PendingApprovals.Select(a => a.ActionRequestId));
        var notFound = new ItemNotFoundException(
            $"Session {sessionId} has no pending ask '{actionRequestId}'. Pending asks: {(pending.Length > 0 ? pending : "none")}. Nothing was sent for it.");
        return new ErrorRecord(notFound, ErrorMap.ApprovalNotFound, ErrorCategory.ObjectNotFound, actionRequestId)
        {
            ErrorDetails = new ErrorDetails(HostText.Block(notFound.Message)) { RecommendedAction = "List the pending asks with Get-GumloopApproval -SessionId " + sessionId + "." },
        };
    }

    /// <summary>One line: what the ask is, which tool and what it would do.</summary>
    private protected static string Describe(PendingApproval? ask, string actionRequestId)
    {
        if (ask is null)
        {
            return "ask " + actionRequestId;
        }

        var text = new StringBuilder("'").Append(Field(ask.Title ?? ask.Type ?? actionRequestId)).Append('\'');
        if (ask.ToolName is not null)
        {
            text.Append(" (tool ").Append(Field(ask.ToolName));
            if (ask.ServerLabel is not null)
            {
                text.Append(" on ").Append(Field(ask.ServerLabel));
            }

            text.Append(')');
        }

        if (ask.DisplayFields.Count > 0)
        {
            text.Append(": ").Append(string.Join("; ", ask.DisplayFields.Select(f => Field(f.Label) + "=" + Field(f.Value))));
        }

        return text.ToString();
    }

    private string Prompt(string sessionId, string actionRequestId, PendingApproval? ask)
    {
        // Every value is the agent's (and so possibly an injected prompt's) text: each is neutralised and kept to
        // one line, so a CR, an escape sequence or a newline cannot draw a fake "To:" or "Tool:" row.
        var rows = new List<(string Label, string Value)>
        {
            ("Ask", Field(ask?.Title ?? ask?.Type ?? "(no title)") + " [" + Field(actionRequestId) + "]"),
        };
        if (ask?.ToolName is not null)
        {
            rows.Add(("Tool", Field(ask.ToolName) + (ask.ServerLabel is null ? string.Empty : " (" + Field(ask.ServerLabel) + ")")));
        }

        foreach (var field in ask?.DisplayFields ?? new DisplayFieldCollection())
        {
            rows.Add((Field(field.Label), Field(field.Value)));
        }

        if (ask?.Reason is not null)
        {
            rows.Add(("Reason", Field(ask.Reason)));
        }

        int width = rows.Max(r => r.Label.Length) + 1;
        var text = new StringBuilder($"{Verb} this ask of session {Field(sessionId)}?");
        foreach (var (label, value) in rows)
        {
            text.AppendLine().Append("  ").Append((label + ":").PadRight(width + 1)).Append(value);
        }

        return text.ToString();
    }

    /// <summary>One prompt value: controls shown visibly, one line, at most 200 characters.</summary>
    private static string Field(string? value) => HostText.Line(value ?? string.Empty, 200);

    private sealed class Answer
    {
        public Answer(string sessionId, string actionRequestId, PendingApproval? ask, ApprovalResponse response)
        {
            SessionId = sessionId;
            ActionRequestId = actionRequestId;
            Ask = ask;
            Response = response;
        }

        public string SessionId { get; }
        public string ActionRequestId { get; }
        public PendingApproval? Ask { get; }
        public ApprovalResponse Response { get; }
    }
}
