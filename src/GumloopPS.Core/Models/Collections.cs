using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core;

// Each collection overrides ToString so Export-Csv and Format-Table show content, not a type name.

public sealed class ParticipantCollection : List<Participant>
{
    public Participant? Find(string? userId) =>
        userId == null ? null : this.FirstOrDefault(p => string.Equals(p.UserId, userId, System.StringComparison.Ordinal));

    public override string ToString() => string.Join("; ", this.Select(p => p.ToString()));
}

public sealed class MessageCollection : List<Message>
{
    /// <summary>False for a session from a list or a cancel response, whose transcript was never sent.</summary>
    internal bool IsLoaded { get; set; } = true;

    // An unloaded transcript is unknown, not empty: Export-Csv writes an empty cell, as the table view shows.
    public override string ToString() => !IsLoaded ? string.Empty : Count == 1 ? "1 message" : Count + " messages";
}

public sealed class MessagePartCollection : List<MessagePart>
{
    public override string ToString() => string.Join("; ", this.Select(p => p.ToString()));
}

public sealed class PendingApprovalCollection : List<PendingApproval>
{
    public override string ToString() => string.Join("; ", this.Select(p => p.ToString()));
}

public sealed class DisplayFieldCollection : List<DisplayField>
{
    public override string ToString() => string.Join("; ", this.Select(p => p.ToString()));
}
