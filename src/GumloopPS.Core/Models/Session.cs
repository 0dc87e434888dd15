using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

public sealed class Session : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known(
        "id", "agent_id", "agent_name", "name", "type", "state", "created_at", "messages", "participants",
        "creator", "usage", "pending_approvals", "queue_position", "agent_team_id", "agent_creator_user_id",
        "agent_icon_url", "agent_tools");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? Id { get; set; }
    public string? AgentId { get; set; }
    public string? AgentName { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? State { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public MessageCollection Messages { get; set; } = new MessageCollection();
    public ParticipantCollection Participants { get; set; } = new ParticipantCollection();
    public Creator? Creator { get; set; }
    public Usage? Usage { get; set; }
    public PendingApprovalCollection PendingApprovals { get; set; } = new PendingApprovalCollection();
    public int? QueuePosition { get; set; }
    public string? AgentTeamId { get; set; }
    public string? AgentCreatorUserId { get; set; }
    public string? AgentIconUrl { get; set; }
    public JsonList AgentTools { get; set; } = new JsonList();

    /// <summary>
    /// False when the server sent a placeholder transcript (list items, cancel responses), so callers fetch
    /// the session in full instead of showing "no messages".
    /// </summary>
    internal bool HasMessages
    {
        get => _hasMessages;
        set
        {
            _hasMessages = value;
            Messages.IsLoaded = value;
        }
    }

    private bool _hasMessages;

    /// <summary>
    /// The one definition of a settled session: a wait loop stops, and -WhenBusy sends. Only processing and queued
    /// are busy; a state the server adds later (or none at all) counts as settled, so no wait spins on it forever.
    /// </summary>
    public static bool IsTerminalState(string? state) => state is not ("processing" or "queued");

    public static Session FromJson(JsonElement element)
    {
        var session = new Session();
        session.SetRaw(element);
        JsonElement e = session.Raw;
        session.Id = JsonRead.String(e, "id");
        session.AgentId = JsonRead.String(e, "agent_id");
        session.AgentName = JsonRead.String(e, "agent_name");
        session.Name = JsonRead.String(e, "name");
        session.Type = JsonRead.String(e, "type");
        session.State = JsonRead.String(e, "state");
        session.CreatedAt = JsonRead.Timestamp(e, "created_at");
        session.QueuePosition = JsonRead.Int32(e, "queue_position");
        session.AgentTeamId = JsonRead.String(e, "agent_team_id");
        session.AgentCreatorUserId = JsonRead.String(e, "agent_creator_user_id");
        session.AgentIconUrl = JsonRead.String(e, "agent_icon_url");
        session.AgentTools = JsonRead.List(e, "agent_tools") ?? new JsonList();

        if (JsonRead.TryGet(e, "creator", out JsonElement creator) && creator.ValueKind == JsonValueKind.Object)
        {
            session.Creator = Creator.FromJson(creator);
        }

        if (JsonRead.TryGet(e, "usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object)
        {
            session.Usage = Usage.FromJson(usage);
        }

        if (JsonRead.TryGet(e, "participants", out JsonElement participants) && participants.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in participants.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    session.Participants.Add(Participant.FromJson(property.Name, property.Value));
                }
            }
        }

        if (JsonRead.TryGet(e, "pending_approvals", out JsonElement approvals) && approvals.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement approval in approvals.EnumerateArray())
            {
                if (approval.ValueKind == JsonValueKind.Object)
                {
                    session.PendingApprovals.Add(PendingApproval.FromJson(approval, session.Id));
                }
            }
        }

        if (JsonRead.TryGet(e, "messages", out JsonElement messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in messages.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    Message message = Message.FromJson(item);
                    session.Attach(message);
                    session.Messages.Add(message);
                }
            }
        }

        session.HasMessages = true;
        return session;
    }

    /// <summary>
    /// Reads one item of a session list. List endpoints always send "messages": [] even when the session has a
    /// transcript, so the item says it holds none and callers fetch it in full.
    /// </summary>
    internal static Session FromListItem(JsonElement e)
    {
        Session session = FromJson(e);
        session.HasMessages = false;
        return session;
    }

    /// <summary>Reads <c>{"session": {...}, "queue_position": n}</c>; a bare session object is accepted too.</summary>
    public static Session FromEnvelope(JsonElement root)
    {
        if (JsonRead.TryGet(root, "session", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object)
        {
            Session session = FromJson(inner);
            int? position = JsonRead.Int32(root, "queue_position");
            if (position.HasValue || JsonRead.TryGet(root, "queue_position", out _))
            {
                session.QueuePosition = position;
            }

            return session;
        }

        return FromJson(root);
    }

    internal void Attach(Message message)
    {
        message.SessionId ??= Id;
        message.AgentId ??= AgentId;
        if (message.AuthorName != null)
        {
            return;
        }

        if (string.Equals(message.Role, "assistant", StringComparison.Ordinal))
        {
            message.AuthorName = AgentName;
        }
        else if (string.Equals(message.Role, "user", StringComparison.Ordinal))
        {
            string? name = Participants.Find(message.CreatorId)?.FullName;
            if (name == null && Creator != null && message.CreatorId != null && string.Equals(Creator.Id, message.CreatorId, StringComparison.Ordinal))
            {
                name = Creator.FullName;
            }

            message.AuthorName = name;
        }
    }

    public override string ToString() => (Name ?? Id ?? string.Empty) + (State != null ? " [" + State + "]" : string.Empty);
}

public sealed class SessionPage
{
    public IReadOnlyList<Session> Sessions { get; set; } = Array.Empty<Session>();
    public string? NextCursor { get; set; }

    public static SessionPage FromJson(JsonElement root)
    {
        var sessions = new List<Session>();
        if (JsonRead.TryGet(root, "sessions", out JsonElement items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    sessions.Add(Session.FromListItem(item));
                }
            }
        }

        string? cursor = JsonRead.String(root, "next_cursor");
        return new SessionPage { Sessions = sessions, NextCursor = string.IsNullOrEmpty(cursor) ? null : cursor };
    }

    public override string ToString() => Sessions.Count + " sessions" + (NextCursor != null ? " (more available)" : string.Empty);
}
