using System;
using System.Collections.Generic;
using System.Threading;

namespace GumloopPS.Simulator
{
    internal enum CredentialKind { ApiKey, TeamKey, AccessToken }

    internal sealed class SimUser
    {
        public SimUser(string id, string firstName, string lastName, string email, string? picture = null)
        {
            Id = id; FirstName = firstName; LastName = lastName; Email = email; ProfilePicture = picture;
        }

        public string Id { get; }
        public string FirstName { get; }
        public string LastName { get; }
        public string Email { get; }
        public string? ProfilePicture { get; }
    }

    internal sealed class SimCredential
    {
        public SimCredential(CredentialKind kind, string userId, string? teamId)
        {
            Kind = kind; UserId = userId; TeamId = teamId;
        }

        public CredentialKind Kind { get; }
        public string UserId { get; }
        public string? TeamId { get; }
        public bool Expired { get; set; }

        /// <summary>When an OAuth access token stops working; null for keys and tokens made by CreateAccessToken.</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>The space-separated scopes an OAuth access token was granted; null for keys (every scope).</summary>
        public string? Scope { get; set; }
    }

    internal sealed class SimAgent
    {
        public string Id = "";
        public string Name = "";
        public string? Description;
        public string TeamId = "";
        public bool IsActive = true;
        public string? ModelName;
        public string? SystemPrompt;
        public string ToolsJson = "[]";
        public string ResourcesJson = "[]";
        public string MetadataJson = "{}";
        public string[] SkillIds = Array.Empty<string>();
        public string KnowledgeSourcesJson = "[]";
        public string? FolderId;

        /// <summary><c>gumball</c> or <c>analytics</c> for a user's copy of a platform agent, which answers with the alias as its id.</summary>
        public string? Alias;

        /// <summary>The user a platform-agent copy belongs to; null for ordinary agents.</summary>
        public string? OwnerUserId;
        public DateTimeOffset CreatedAt;
        public int ActiveTriggerCount;
        public string CreatorUserId = "";
        public DateTimeOffset? LastUsedAt;
        public DateTimeOffset? LastUpdatedAt;

        /// <summary>The agent as it was before its first change through the API; null while it is unchanged.</summary>
        public SimAgent? Origin;

        /// <summary>The agent as each change through the API saved it, oldest first: one version each.</summary>
        public List<SimAgent> SavedVersions = new List<SimAgent>();

        public SimAgent Clone() => (SimAgent)MemberwiseClone();
    }

    /// <summary>Immutable once built, so a transcript can be serialised outside the state lock.</summary>
    internal sealed class SimPart
    {
        public string Type = "text";
        public string Id = "";
        public string? Text;
        public string? ToolCallId;
        public string? ToolName;
        public string? ToolCallState;
        public string? ArgsJson;
        public string? ResultJson;
        public string? Error;
    }

    internal sealed class SimMessage
    {
        public SimMessage(string id, string role, string? content, DateTimeOffset createdAt, string? creatorId, SimPart[]? parts)
        {
            Id = id; Role = role; Content = content; CreatedAt = createdAt; CreatorId = creatorId; Parts = parts;
        }

        public string Id { get; }
        public string Role { get; }
        public string? Content { get; }
        public DateTimeOffset CreatedAt { get; }
        public string? CreatorId { get; }
        public SimPart[]? Parts { get; }
    }

    internal sealed class SimApproval
    {
        public string ActionRequestId = "";
        public string Type = "tool_approval";
        public string? Title;
        public string? Reason;
        public string? RecipientUserId;
        public string? ToolName;
        public string? ServerLabel;
        public string[][]? DisplayFields;
        public string? QuestionsJson;
    }

    internal struct SimUsage
    {
        public bool Recorded;
        public double CreditCost;
        public double ToolCreditCost;
        public double FlowCreditCost;
        public long InputTokens;
        public long CachedInputTokens;
        public long CacheWriteInputTokens;
        public long OutputTokens;
        public long ReasoningTokens;
    }

    internal sealed class SimSession
    {
        public string Id = "";
        public string AgentId = "";
        public string? Name;
        public string Type = "api";
        public string State = "idle";
        public DateTimeOffset CreatedAt;
        public long Seq;
        public readonly List<SimMessage> Messages = new List<SimMessage>();
        public readonly List<string> Participants = new List<string>();
        public string? CreatorUserId;
        public SimUsage Usage;
        public readonly List<SimApproval> PendingApprovals = new List<SimApproval>();
        public string? ClientMetadataJson;
        public SimTurn? CurrentTurn;
        public int TurnCount;
        public readonly List<SimQueuedMessage> MessageQueue = new List<SimQueuedMessage>();
        public readonly HashSet<string> Files = new HashSet<string>(StringComparer.Ordinal);
        public readonly SimApprovalLog ApprovalLog = new SimApprovalLog();
    }

    internal sealed class SimQueuedMessage
    {
        public string Id = "";
        public string Input = "";
        public string UserId = "";
        public DateTimeOffset CreatedAt;
        public DateTimeOffset UpdatedAt;
    }

    /// <summary>A parsed set of <c>sim:*</c> directives from one message input.</summary>
    internal sealed class Directives
    {
        public bool Fail;
        public bool Approval;
        public bool Tool;
        public bool EchoKey;
        public bool KeepAlive;
        public bool StreamError;
        public int? DelayMs;
        public int? DropAfter;
        public int? StallMs;
        public string CleanText = "";

        /// <summary>Replaces the usual "Reply n to ..." text (a turn resumed after approvals says what it did).</summary>
        public string? Reply;
    }

    internal sealed class SseEvent
    {
        public SseEvent(int index, string type, string json, bool isFinal)
        {
            Index = index; Type = type; Json = json; IsFinal = isFinal;
        }

        public int Index { get; }
        public string Type { get; }
        public string Json { get; }
        public bool IsFinal { get; }
    }

    /// <summary>One run of the agent: its planned SSE events, the events produced so far, and its timer.</summary>
    internal sealed class SimTurn
    {
        public SimTurn(SimSession session, Directives directives, bool streamed, string userId)
        {
            Session = session; Directives = directives; Streamed = streamed; UserId = userId;
        }

        public SimSession Session { get; }
        public Directives Directives { get; }
        public bool Streamed { get; }
        public string UserId { get; }
        public long CursorBase;

        public string CursorAt(int index) => (CursorBase + index).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-0";
        public string AssistantMessageId = "";
        public readonly List<PlannedStep> Plan = new List<PlannedStep>();
        public int PlanIndex;
        public readonly List<SseEvent> Events = new List<SseEvent>();
        public bool Finished;
        public bool Aborted;
        public bool FinalDelivered;
        public DateTimeOffset FinishedAt;
        public int Connections;
        public Timer? Timer;
        public string ProducedText = "";
        public bool QueuedContinuation;
        private TaskCompletionSourceBox _changed = new TaskCompletionSourceBox();

        /// <summary>Completes the next time an event is appended or the turn ends; read under the state lock.</summary>
        public System.Threading.Tasks.Task Changed => _changed.Task;

        /// <summary>Call under the state lock.</summary>
        public void Signal()
        {
            var old = _changed;
            _changed = new TaskCompletionSourceBox();
            old.Complete();
        }
    }

    internal sealed class TaskCompletionSourceBox
    {
        // RunContinuationsAsynchronously keeps stream writers from running inline under the state lock.
        private readonly System.Threading.Tasks.TaskCompletionSource<bool> _tcs =
            new System.Threading.Tasks.TaskCompletionSource<bool>(System.Threading.Tasks.TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Threading.Tasks.Task Task => _tcs.Task;
        public void Complete() => _tcs.TrySetResult(true);
    }

    internal sealed class PlannedStep
    {
        public PlannedStep(int delayMs, string type, Action<System.Text.Json.Utf8JsonWriter>? payload, bool cursor, bool isFinal = false, Action? before = null)
        {
            DelayMs = delayMs; Type = type; Payload = payload; Cursor = cursor; IsFinal = isFinal; Before = before;
        }

        /// <summary>Wait before producing this event, measured from the previous one.</summary>
        public int DelayMs { get; set; }
        public string Type { get; }
        public Action<System.Text.Json.Utf8JsonWriter>? Payload { get; }
        public bool Cursor { get; }
        public bool IsFinal { get; }

        /// <summary>State change applied just before the event becomes visible (e.g. completing the session before <c>finish</c>).</summary>
        public Action? Before { get; }
    }
}
