using System.Linq;
using GumloopPS.Core;

namespace GumloopPS.Errors;

/// <summary>
/// A waited-for session ended in state failed. Written as a non-terminating error next to the session itself,
/// so a runbook under $ErrorActionPreference = 'Stop' fails the way it does for a failed flow run.
/// </summary>
public sealed class GumloopSessionFailedException : GumloopException
{
    public GumloopSessionFailedException(Session session)
        : base(Describe(session))
    {
        Session = session;
        Detail = FailureDetail(session);
    }

    public Session Session { get; }

    /// <summary>The error text of the last message's error parts, when the session carries any.</summary>
    public string? Detail { get; }

    private static string Describe(Session session)
    {
        string? detail = FailureDetail(session);
        return $"Session '{session.Id}' of agent '{session.AgentName ?? session.AgentId}' ended in state failed."
            + (string.IsNullOrEmpty(detail) ? string.Empty : " " + detail);
    }

    private static string? FailureDetail(Session session)
    {
        var last = session.Messages.LastOrDefault(m => m.Parts.Any(p => p.Error is not null));
        if (last is null)
        {
            return null;
        }

        return string.Join(" ", last.Parts.Where(p => !string.IsNullOrEmpty(p.Error)).Select(p => p.Error!.Trim()));
    }
}
