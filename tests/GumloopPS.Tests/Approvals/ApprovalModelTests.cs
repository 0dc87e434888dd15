using System;
using System.Linq;
using System.Text.Json;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Approvals;

/// <summary>Every example fixture of approvals, the queue and session files, read through the Core models.</summary>
public class ApprovalModelTests
{
    private static JsonElement Load(string file)
    {
        using JsonDocument doc = JsonDocument.Parse(TestPaths.ReadExample(file));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void ApprovalRequiredSessionListsBothAsksWithReadableFields()
    {
        Session session = Session.FromEnvelope(Load("sessions.retrieve.200.approval_required.json"));

        Assert.Equal("approval_required", session.State);
        Assert.Equal(2, session.PendingApprovals.Count);
        PendingApproval tool = session.PendingApprovals[0];
        Assert.Equal("sess_Vk3nQ8wT2p", tool.SessionId);
        Assert.Equal("areq_7Tz2Wq9K", tool.ActionRequestId);
        Assert.Equal("tool_approval", tool.Type);
        Assert.Equal("Send email with Gmail", tool.Title);
        Assert.Equal("gmail_send_email", tool.ToolName);
        Assert.Equal("Gmail", tool.ServerLabel);
        Assert.Equal("9vQeL2mXr4TzKw7NcB1sHp0aYu3D", tool.RecipientUserId);
        Assert.Equal("To=jordan.blake@northwindtraders.example; Subject=Renewal brief - Northwind Traders", tool.DisplayFields.ToString());
        Assert.Null(tool.Questions);

        PendingApproval question = session.PendingApprovals[1];
        Assert.Equal("human_input", question.Type);
        Assert.Empty(question.DisplayFields);
        var q = Assert.IsType<JsonMap>(Assert.Single(question.Questions!));
        Assert.Equal("email_tone", q["name"]);
        Assert.Equal(2, Assert.IsType<JsonList>(q["options"]).Count);
    }

    [Fact]
    public void ApprovalResultHasSessionOutcomesAndCursor()
    {
        ApprovalResult result = ApprovalResult.FromJson(Load("sessions.approvals.200.json"));

        Assert.Equal("sess_Vk3nQ8wT2p", result.Session.Id);
        Assert.Equal("processing", result.Session.State);
        Assert.Equal(4, result.Session.Messages.Count);
        Assert.Empty(result.Session.PendingApprovals);
        Assert.Equal("1757867730412-0", result.StreamCursor);
        Assert.Equal(new[] { "areq_7Tz2Wq9K", "areq_3Nd8Lx1V" }, result.Results.Select(r => r.ActionRequestId));
        Assert.All(result.Results, r =>
        {
            Assert.Equal("accept", r.Action);
            Assert.Equal("accepted", r.Outcome);
            Assert.Equal("sess_Vk3nQ8wT2p", r.SessionId);
        });
        Assert.Equal("areq_7Tz2Wq9K=accepted; areq_3Nd8Lx1V=accepted", result.Results.ToString());
    }

    [Theory]
    [InlineData("already_accepted")]
    [InlineData("already_rejected")]
    [InlineData("some_future_outcome")]
    public void OutcomesAreKeptAsSentAndUnknownFieldsSurvive(string outcome)
    {
        using JsonDocument doc = JsonDocument.Parse("{\"session\":{\"id\":\"s1\",\"state\":\"approval_required\"},\"results\":[{\"action_request_id\":\"a1\",\"action\":\"reject\",\"outcome\":\"" + outcome + "\",\"resolved_by\":\"u9\"}],\"stream_cursor\":null}");
        ApprovalResult result = ApprovalResult.FromJson(doc.RootElement);

        ApprovalOutcome only = Assert.Single(result.Results);
        Assert.Equal(outcome, only.Outcome);
        Assert.Equal("u9", only.GetAdditionalProperty("resolved_by"));
        Assert.Null(result.StreamCursor);
    }

    [Fact]
    public void QueueListKeepsSendOrderAndPositions()
    {
        var queue = QueueChange.FromJson(Load("sessions.queue.list.200.json"), "sess_Vk3nQ8wT2p").Queue;

        Assert.Equal(new[] { "qm_4Hx9Tn2c", "qm_8Rb3Kw6e" }, queue.Select(q => q.Id));
        Assert.Equal(new int?[] { 1, 2 }, queue.Select(q => q.Position));
        Assert.All(queue, q =>
        {
            Assert.Equal("queued", q.State);
            Assert.Equal("sess_Vk3nQ8wT2p", q.SessionId);
        });
        Assert.Equal(new DateTimeOffset(2026, 9, 14, 16, 35, 30, TimeSpan.Zero), queue[0].CreatedAt);
    }

    [Fact]
    public void QueueAddReturnsTheNewMessageAndTheQueue()
    {
        QueueChange change = QueueChange.FromJson(Load("sessions.queue.add.201.json"), "s");

        Assert.Equal("qm_8Rb3Kw6e", change.QueuedMessage!.Id);
        Assert.Equal(2, change.QueuedMessage.Position);
        Assert.Equal("Then add a reminder to my calendar for Nov 15.", change.QueuedMessage.Input);
        Assert.Equal(2, change.Queue.Count);
        Assert.Equal("2. Then add a reminder to my calendar for Nov 15.", change.QueuedMessage.ToString());
    }

    [Fact]
    public void QueueUpdateCarriesTheNewTextAndTimestamp()
    {
        QueueChange change = QueueChange.FromJson(Load("sessions.queue.update.200.json"), "s");

        Assert.Equal("Also attach the Q3 usage chart as a PNG.", change.QueuedMessage!.Input);
        Assert.True(change.QueuedMessage.UpdatedAt > change.QueuedMessage.CreatedAt);
        Assert.Equal(change.QueuedMessage.Input, change.Queue[0].Input);
    }

    [Fact]
    public void QueueDeleteReturnsTheRenumberedRest()
    {
        QueueChange change = QueueChange.FromJson(Load("sessions.queue.delete.200.json"), "s");

        Assert.Null(change.QueuedMessage);
        QueuedMessage rest = Assert.Single(change.Queue);
        Assert.Equal("qm_8Rb3Kw6e", rest.Id);
        Assert.Equal(1, rest.Position);
    }

    [Fact]
    public void QueueSendReturnsTheSessionWithThePromotedMessage()
    {
        Session session = Session.FromEnvelope(Load("sessions.queue.send.202.json"));

        Assert.Equal("processing", session.State);
        Assert.Equal("Also attach last quarter's usage chart.", session.Messages[^1].Text);
        Assert.Null(session.QueuePosition);
    }

    [Fact]
    public void UploadedFileRecord()
    {
        SessionFile file = SessionFile.FromJson(Load("sessions.files.upload.201.json"), "sess_Vk3nQ8wT2p");

        Assert.Equal("custom_agent_interactions/sess_Vk3nQ8wT2p/input/northwind_usage_q3.csv", file.FileName);
        Assert.Equal("text/csv", file.MediaType);
        Assert.Equal(18342, file.Size);
        Assert.Equal(file.FileName, file.ToString());
        SessionAttachment attachment = file.ToAttachment();
        Assert.Equal(file.FileName, attachment.FileName);
        Assert.Equal("text/csv", attachment.MediaType);
    }

    [Theory]
    [InlineData("usage.csv", "custom_agent_interactions/sess_1/input/usage.csv", "text/csv")]
    [InlineData("custom_agent_interactions/sess_1/input/chart.png", "custom_agent_interactions/sess_1/input/chart.png", "image/png")]
    [InlineData("custom_agent_interactions/other/input/x.bin", "custom_agent_interactions/other/input/x.bin", "application/octet-stream")]
    public void StoredNamesBecomeAttachmentPaths(string name, string path, string mediaType)
    {
        SessionAttachment attachment = SessionAttachment.ForStoredName("sess_1", name);

        Assert.Equal(path, attachment.FileName);
        Assert.Equal(mediaType, attachment.MediaType);
    }

    [Theory]
    [InlineData("report.PDF", "application/pdf")]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("data.json", "application/json")]
    [InlineData("deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("photo.JPEG", "image/jpeg")]
    [InlineData("archive.tar.gz", "application/gzip")]
    [InlineData("README", "application/octet-stream")]
    [InlineData(".bashrc", "application/octet-stream")]
    [InlineData("dir.v2/file", "application/octet-stream")]
    [InlineData("trailing.", "application/octet-stream")]
    [InlineData(null, "application/octet-stream")]
    public void MediaTypeFollowsTheExtension(string? name, string expected)
    {
        Assert.Equal(expected, MediaTypes.FromFileName(name));
    }
}
