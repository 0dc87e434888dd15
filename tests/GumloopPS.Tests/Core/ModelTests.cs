using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using GumloopPS.Core;
using Xunit;

namespace GumloopPS.Tests.Core;

public class ModelTests
{
    private static JsonElement Load(string file)
    {
        using JsonDocument doc = JsonDocument.Parse(TestPaths.ReadExample(file));
        return doc.RootElement.Clone();
    }

    private static JsonElement Parse(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static bool DeepEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var aProps = a.EnumerateObject().ToList();
                var bProps = b.EnumerateObject().ToList();
                return aProps.Count == bProps.Count && aProps.All(p => b.TryGetProperty(p.Name, out JsonElement other) && DeepEquals(p.Value, other));
            case JsonValueKind.Array:
                var aItems = a.EnumerateArray().ToList();
                var bItems = b.EnumerateArray().ToList();
                return aItems.Count == bItems.Count && aItems.Zip(bItems).All(t => DeepEquals(t.First, t.Second));
            case JsonValueKind.Number:
                return a.GetDouble() == b.GetDouble();
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            default:
                return true;
        }
    }

    public static IEnumerable<object[]> AgentAndSessionExamples() =>
        Directory.GetFiles(TestPaths.Examples, "*.json")
            .Select(Path.GetFileName)
            .Where(n => n!.StartsWith("agents.", StringComparison.Ordinal) || n.StartsWith("sessions.", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new object[] { n! });

    [Theory]
    [MemberData(nameof(AgentAndSessionExamples))]
    public void ExampleRoundTripsThroughModels(string file)
    {
        JsonElement root = Load(file);

        // The generic map must reproduce every example exactly: that is what unknown fields rely on.
        JsonElement mapped = Parse(JsonMap.FromJson(root).ToJson());
        Assert.True(DeepEquals(root, mapped), "JsonMap round trip changed " + file);

        int typed = 0;
        if (root.TryGetProperty("agent", out JsonElement agentJson))
        {
            Agent agent = Agent.FromEnvelope(root);
            Assert.False(string.IsNullOrEmpty(agent.Id));
            Assert.True(DeepEquals(agentJson, Parse(agent.GetRawJson()!)));
            typed++;
        }

        if (root.TryGetProperty("agents", out JsonElement agents))
        {
            foreach (JsonElement item in agents.EnumerateArray())
            {
                Agent agent = Agent.FromJson(item);
                Assert.False(string.IsNullOrEmpty(agent.Name));
                Assert.NotNull(agent.CreatedAt);
                Assert.True(DeepEquals(item, Parse(agent.GetRawJson()!)));
            }

            typed++;
        }

        if (root.TryGetProperty("session", out JsonElement sessionJson))
        {
            Session session = Session.FromEnvelope(root);
            Assert.False(string.IsNullOrEmpty(session.Id));
            Assert.False(string.IsNullOrEmpty(session.State));
            Assert.True(DeepEquals(sessionJson, Parse(session.GetRawJson()!)));
            Assert.Equal(sessionJson.GetProperty("messages").GetArrayLength(), session.Messages.Count);
            Assert.All(session.Messages, m => Assert.Equal(session.Id, m.SessionId));
            typed++;
        }

        if (root.TryGetProperty("sessions", out _))
        {
            SessionPage page = SessionPage.FromJson(root);
            Assert.NotEmpty(page.Sessions);
            typed++;
        }

        if (root.TryGetProperty("queue", out JsonElement queue))
        {
            foreach (JsonElement item in queue.EnumerateArray())
            {
                QueuedMessage queued = QueuedMessage.FromJson(item, "sess_x");
                Assert.False(string.IsNullOrEmpty(queued.Id));
                Assert.NotNull(queued.Position);
                Assert.Equal("sess_x", queued.SessionId);
            }

            typed++;
        }

        if (file.StartsWith("agents.retrieve", StringComparison.Ordinal) || file.StartsWith("sessions.retrieve", StringComparison.Ordinal))
        {
            Assert.True(typed > 0, "no typed model covered " + file);
        }
    }

    [Fact]
    public void AgentDetailFields()
    {
        Agent agent = Agent.FromEnvelope(Load("agents.retrieve.200.json"));

        Assert.Equal("r4Ts9Kq2MwX7bLn", agent.Id);
        Assert.Equal("tm_5c2d8e17", agent.TeamId);
        Assert.True(agent.IsActive);
        Assert.Equal("auto", agent.ModelName);
        Assert.Equal(2, agent.Tools.Count);
        Assert.Equal("gumloop_hubspot", ((JsonMap)agent.Tools[0]!)["server_id"]);
        Assert.Equal("{\"owner_group\":\"revops\"}", agent.Metadata.ToString());
        Assert.Equal("[\"skill_b2Lq8rTn\",\"skill_x5Vd1kMc\"]", agent.SkillIds!.ToString());
        Assert.Null(agent.Type);
        Assert.Null(agent.ActiveTriggerCount);
        Assert.Equal(new DateTimeOffset(2026, 8, 3, 11, 42, 17, TimeSpan.Zero), agent.CreatedAt);
        Assert.Equal("Priya Raman", agent.Creator!.ToString());
        Assert.Empty(agent.Resources);
    }

    [Fact]
    public void AgentListItemFields()
    {
        JsonElement item = Load("agents.list.200.paginated.json").GetProperty("agents")[0];
        Agent agent = Agent.FromJson(item);

        Assert.Null(agent.SkillIds);
        Assert.Equal(1, agent.ActiveTriggerCount);
        Assert.Equal(new DateTimeOffset(2026, 9, 14, 16, 3, 22, TimeSpan.Zero), agent.LastUsedAt);
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 8, 0, 12, TimeSpan.Zero), agent.LastUpdatedAt);
        Assert.Null(agent.Creator);
    }

    [Fact]
    public void SessionWithApprovalsAndTranscript()
    {
        Session session = Session.FromEnvelope(Load("sessions.retrieve.200.approval_required.json"));

        Assert.Equal("approval_required", session.State);
        Assert.True(session.HasMessages);
        Assert.Equal("4 messages", session.Messages.ToString());
        Assert.Equal("Priya Raman", session.Participants.ToString());
        Assert.Equal("credits=7.25; input=9314; output=611", session.Usage!.ToString());
        Assert.Equal(188, session.Usage.ReasoningTokens);
        Assert.Equal("tm_5c2d8e17", session.AgentTeamId);
        Assert.Null(session.AgentIconUrl);
        Assert.Equal(2, session.AgentTools.Count);
        Assert.Null(session.QueuePosition);

        Message user = session.Messages[0];
        Assert.Equal("user", user.Role);
        Assert.Equal("Priya Raman", user.AuthorName);
        Assert.Equal("Draft a renewal brief for Northwind Traders.", user.Text);
        Assert.Equal("r4Ts9Kq2MwX7bLn", user.AgentId);
        Assert.Empty(user.Parts);

        Message assistant = session.Messages[1];
        Assert.Null(assistant.Content);
        Assert.Equal("Renewal desk assistant", assistant.AuthorName);
        Assert.StartsWith("Northwind Traders renews on 30 November.", assistant.Text, StringComparison.Ordinal);
        Assert.Equal("tool_invocation", assistant.Parts[1].Type);
        Assert.Equal("tc_h6j2k8", assistant.Parts[1].ToolCallId);
        Assert.Equal("hubspot_get_company", assistant.Parts[1].ToolName);
        Assert.Equal("completed", assistant.Parts[1].ToolCallState);
        Assert.IsType<JsonMap>(assistant.Parts[1].GetAdditionalProperty("result"));
        Assert.EndsWith("; tool hubspot_get_company (completed)", assistant.Parts.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, session.PendingApprovals.Count);
        PendingApproval approval = session.PendingApprovals[0];
        Assert.Equal("sess_Vk3nQ8wT2p", approval.SessionId);
        Assert.Equal("areq_7Tz2Wq9K", approval.ActionRequestId);
        Assert.Equal("gmail_send_email", approval.ToolName);
        Assert.Equal("To=jordan.blake@northwindtraders.example; Subject=Renewal brief - Northwind Traders", approval.DisplayFields.ToString());
        Assert.Null(approval.Questions);

        PendingApproval question = session.PendingApprovals[1];
        Assert.Empty(question.DisplayFields);
        Assert.Equal("email_tone", ((JsonMap)question.Questions![0]!)["name"]);
        Assert.Equal("Send email with Gmail; Which tone should the email use?", session.PendingApprovals.ToString());
    }

    [Fact]
    public void QueuedEnvelopeCarriesPosition()
    {
        Session session = Session.FromEnvelope(Load("sessions.create.202.queued.json"));
        Assert.Equal("queued", session.State);
        Assert.Equal(2, session.QueuePosition);
        Assert.Equal("1 message", session.Messages.ToString());
    }

    [Fact]
    public void SessionPageReadsCursorAndItems()
    {
        SessionPage page = SessionPage.FromJson(Load("sessions.list.200.json"));

        Assert.Equal(2, page.Sessions.Count);
        Assert.Equal("eyJzb3J0X3ZhbHVlIjoiMjAyNi0wOS0xM1QxMDowMjo0NFoifQ==", page.NextCursor);
        Assert.Equal("slack", page.Sessions[1].Type);
        Assert.Equal("Marcus Ode", page.Sessions[1].Creator!.ToString());
        Assert.All(page.Sessions, s => Assert.False(s.HasMessages));
    }

    [Fact]
    public void CancelEnvelopeHasNullFieldsNotExceptions()
    {
        Session session = Session.FromEnvelope(Load("sessions.cancel.200.json"));

        Assert.Equal("failed", session.State);
        Assert.Null(session.CreatedAt);
        Assert.Null(session.Creator);
        Assert.Null(session.Usage!.CreditCost);
        Assert.Equal(string.Empty, session.Usage.ToString());
        Assert.Empty(session.Participants);
    }

    [Fact]
    public void UnknownFieldsSurviveAndAreReachableByMethodOnly()
    {
        string json = "{\"id\":\"s1\",\"state\":\"completed\",\"x_future\":{\"a\":1},\"x_flag\":true,\"messages\":[{\"id\":\"m\",\"role\":\"user\",\"content\":\"hi\",\"x_msg\":\"kept\"}]}";
        Session session = Session.FromJson(Parse(json));

        var future = Assert.IsType<JsonMap>(session.GetAdditionalProperty("x_future"));
        Assert.Equal(1L, future["a"]);
        Assert.Equal(true, session.GetAdditionalProperty("x_flag"));
        Assert.Null(session.GetAdditionalProperty("id"));
        Assert.Null(session.GetAdditionalProperty("missing"));
        Assert.Equal(new[] { "x_future", "x_flag" }, session.GetAdditionalPropertyNames());
        Assert.Equal("kept", session.Messages[0].GetAdditionalProperty("x_msg"));
        Assert.Contains("\"x_future\"", session.GetRawJson(), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(Session).GetProperties(), p => p.Name.Contains("Additional", StringComparison.Ordinal) || p.Name.Contains("Raw", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownEnumValuesAreKeptVerbatim()
    {
        string json = "{\"id\":\"s1\",\"state\":\"hibernating\",\"type\":\"carrier_pigeon\",\"agent_name\":\"Bot\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},{\"role\":\"assistant\",\"parts\":[{\"type\":\"reasoning\",\"text\":\"hmm\"},{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}]}";
        Session session = Session.FromJson(Parse(json));

        Assert.Equal("hibernating", session.State);
        Assert.Equal("carrier_pigeon", session.Type);
        Assert.True(Session.IsTerminalState(session.State));
        Assert.Equal("system", session.Messages[0].Role);
        Assert.Null(session.Messages[0].AuthorName);
        Assert.Equal("a\nb", session.Messages[1].Text);
        Assert.Equal("Bot", session.Messages[1].AuthorName);
        Assert.Equal("reasoning", session.Messages[1].Parts[0].ToString());
    }

    [Fact]
    public void WrongTypedFieldsBecomeNull()
    {
        string json = "{\"id\":7,\"state\":[\"x\"],\"created_at\":true,\"usage\":\"lots\",\"messages\":{},\"participants\":[1],\"pending_approvals\":\"none\",\"creator\":\"me\",\"queue_position\":\"3\",\"agent_tools\":{}}";
        Session session = Session.FromJson(Parse(json));

        Assert.Null(session.Id);
        Assert.Null(session.State);
        Assert.Null(session.CreatedAt);
        Assert.Null(session.Usage);
        Assert.Null(session.Creator);
        Assert.Null(session.QueuePosition);
        Assert.Empty(session.Messages);
        Assert.Empty(session.Participants);
        Assert.Empty(session.PendingApprovals);
        Assert.Empty(session.AgentTools);

        Agent agent = Agent.FromJson(Parse("{\"id\":\"a\",\"is_active\":\"yes\",\"tools\":\"x\",\"metadata\":[],\"active_trigger_count\":1.5,\"skill_ids\":{}}"));
        Assert.Null(agent.IsActive);
        Assert.Empty(agent.Tools);
        Assert.Empty(agent.Metadata);
        Assert.Null(agent.ActiveTriggerCount);
        Assert.Null(agent.SkillIds);
    }

    [Fact]
    public void NonObjectRootsDoNotThrow()
    {
        Assert.Null(Session.FromJson(Parse("[]")).Id);
        Assert.Null(Agent.FromJson(Parse("\"x\"")).Id);
        Assert.Null(Message.FromJson(Parse("null")).Text);
    }

    [Theory]
    [InlineData("2026-09-14T16:30:00Z", "2026-09-14T16:30:00.0000000+00:00")]
    [InlineData("2026-09-14T16:30:00+00:00", "2026-09-14T16:30:00.0000000+00:00")]
    [InlineData("2026-03-05T10:30:00.000000+00:00", "2026-03-05T10:30:00.0000000+00:00")]
    [InlineData("2026-03-05T10:30:00.123456+00:00", "2026-03-05T10:30:00.1234560+00:00")]
    [InlineData("2026-03-05T10:30:00.123456789Z", "2026-03-05T10:30:00.1234567+00:00")]
    [InlineData("2026-09-14T16:30:00", "2026-09-14T16:30:00.0000000+00:00")]
    [InlineData("2026-09-14 16:30:00", "2026-09-14T16:30:00.0000000+00:00")]
    [InlineData("2026-09-14T18:30:00+02:00", "2026-09-14T18:30:00.0000000+02:00")]
    public void TimestampsParseLeniently(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Timestamps.Parse(text));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, Timestamps.Parse(text)!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday-ish")]
    [InlineData("2026-13-45T99:00:00Z")]
    public void UnreadableTimestampsAreNull(string? text)
    {
        Assert.Null(Timestamps.Parse(text));
    }

    [Theory]
    [InlineData("idle", true)]
    [InlineData("completed", true)]
    [InlineData("failed", true)]
    [InlineData("approval_required", true)]
    [InlineData("processing", false)]
    [InlineData("queued", false)]
    // One definition of settled for waits and sends: anything but processing and queued, so a wait never spins
    // on a state the server adds later.
    [InlineData("cancelled", true)]
    [InlineData(null, true)]
    public void TerminalStates(string? state, bool expected)
    {
        Assert.Equal(expected, Session.IsTerminalState(state));
    }

    [Fact]
    public void MessageTextPrefersContent()
    {
        Message message = Message.FromJson(Parse("{\"role\":\"assistant\",\"content\":\"direct\",\"parts\":[{\"type\":\"text\",\"text\":\"from part\"}]}"));
        Assert.Equal("direct", message.Text);

        Message empty = Message.FromJson(Parse("{\"role\":\"assistant\",\"content\":\"\",\"parts\":[{\"type\":\"tool_invocation\",\"toolName\":\"t\"}]}"));
        Assert.Equal(string.Empty, empty.Text);
    }

    [Fact]
    public void UserAuthorFallsBackToSessionCreator()
    {
        string json = "{\"id\":\"s\",\"creator\":{\"id\":\"u9\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"},\"participants\":{},\"messages\":[{\"role\":\"user\",\"creator_id\":\"u9\",\"content\":\"x\"},{\"role\":\"user\",\"creator_id\":\"u10\",\"content\":\"y\"}]}";
        Session session = Session.FromJson(Parse(json));
        Assert.Equal("Ada Lovelace", session.Messages[0].AuthorName);
        Assert.Null(session.Messages[1].AuthorName);
    }

    [Fact]
    public void PartShapesForFileAndError()
    {
        MessagePart file = MessagePart.FromJson(Parse("{\"type\":\"file\",\"id\":\"p\",\"file_name\":\"brief.pdf\",\"media_type\":\"application/pdf\"}"));
        Assert.Equal("brief.pdf", file.FileName);
        Assert.Equal("application/pdf", file.MediaType);
        Assert.Equal("file brief.pdf", file.ToString());

        MessagePart error = MessagePart.FromJson(Parse("{\"type\":\"error\",\"error\":{\"message\":\"Run cancelled\"}}"));
        Assert.Equal("Run cancelled", error.Error);
        Assert.Equal("error: Run cancelled", error.ToString());
    }

    [Theory]
    // The documented camelCase wins over the tolerated spellings, whatever order the fields come in.
    [InlineData("{\"tool_call_id\":\"snake\",\"toolCallId\":\"camel\",\"state\":\"s3\",\"tool_call_state\":\"s2\"}", "camel", "s2")]
    // A spelling whose value is not a string gives way to the next one.
    [InlineData("{\"toolCallId\":7,\"tool_call_id\":\"snake\",\"toolCallState\":null,\"state\":\"s3\"}", "snake", "s3")]
    // A repeated field counts as its last occurrence, as JsonElement.TryGetProperty reads it.
    [InlineData("{\"toolCallId\":\"first\",\"toolCallId\":\"last\",\"toolCallState\":\"a\",\"toolCallState\":5}", "last", null)]
    public void PartAliasesKeepTheirOrderOfPreference(string json, string toolCallId, string? state)
    {
        MessagePart part = MessagePart.FromJson(Parse(json));
        Assert.Equal(toolCallId, part.ToolCallId);
        Assert.Equal(state, part.ToolCallState);
    }

    [Fact]
    public void PartFileAndMediaAliases()
    {
        MessagePart part = MessagePart.FromJson(Parse("{\"type\":\"file\",\"name\":\"n.txt\",\"filename\":\"f.txt\",\"mimeType\":\"text/plain\",\"mime_type\":\"text/csv\"}"));
        Assert.Equal("f.txt", part.FileName);
        Assert.Equal("text/csv", part.MediaType);
        Assert.Equal("file", part.Type);
    }

    [Fact]
    public void MessageRepeatedAndWrongTypedFields()
    {
        Message message = Message.FromJson(Parse("{\"id\":\"m1\",\"id\":\"m2\",\"role\":5,\"created_at\":\"2026-01-02T03:04:05Z\",\"creator_id\":null,\"parts\":{}}"));
        Assert.Equal("m2", message.Id);
        Assert.Null(message.Role);
        Assert.Null(message.CreatorId);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), message.CreatedAt);
        Assert.Empty(message.Parts);
    }

    [Fact]
    public void ReadableToStrings()
    {
        Assert.Equal("priya@x.io", Creator.FromJson(Parse("{\"email\":\"priya@x.io\"}")).ToString());
        Assert.Equal("[1,\"a\",null,{\"b\":false}]", JsonList.FromJson(Parse("[1,\"a\",null,{\"b\":false}]")).ToString());
        Assert.Equal("{\"n\":1.5,\"s\":\"é\"}", JsonMap.FromJson(Parse("{\"n\":1.5,\"s\":\"é\"}")).ToString());
        Assert.Equal("2 sessions (more available)", SessionPage.FromJson(Load("sessions.list.200.json")).ToString());
        Assert.Equal("Northwind renewal brief [completed]", SessionPage.FromJson(Load("sessions.list.200.json")).Sessions[0].ToString());
    }

    [Fact]
    public void JsonMapIsCaseInsensitiveForPowerShell()
    {
        JsonMap map = JsonMap.FromJson(Parse("{\"owner_group\":\"revops\"}"));
        Assert.Equal("revops", map["Owner_Group"]);
    }

    [Fact]
    public void ModelsSurviveTheirSourceDocumentBeingDisposed()
    {
        Session session;
        using (JsonDocument doc = JsonDocument.Parse(TestPaths.ReadExample("sessions.retrieve.200.completed.json")))
        {
            session = Session.FromEnvelope(doc.RootElement);
        }

        Assert.Contains("\"messages\"", session.GetRawJson(), StringComparison.Ordinal);
        Assert.NotNull(session.Messages[0].GetRawJson());
    }
}
