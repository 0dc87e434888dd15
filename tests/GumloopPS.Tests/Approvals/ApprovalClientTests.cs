using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Core;
using Xunit;

namespace GumloopPS.Tests.Approvals;

/// <summary>Request bodies, paths and retry behaviour of the approvals, queue and file calls, answered with the example fixtures.</summary>
public sealed class ApprovalClientTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gumloopps-appr-" + Guid.NewGuid().ToString("N"));

    public ApprovalClientTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    private static JsonElement Body(RecordedRequest request)
    {
        using JsonDocument doc = JsonDocument.Parse(request.Body!);
        return doc.RootElement.Clone();
    }

    private string WriteFile(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task ResolveApprovalsSendsEveryAnswerInOneRequest()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.approvals.200.json"));

        ApprovalResult result = await ctx.Client.ResolveApprovalsAsync("sess_Vk3nQ8wT2p", new[]
        {
            new ApprovalResponse("areq_7Tz2Wq9K", ApprovalResponse.Accept) { Reason = "Looks right." },
            new ApprovalResponse("areq_3Nd8Lx1V", ApprovalResponse.Accept) { Values = new Dictionary<string, object?> { ["email_tone"] = "formal" } },
        }, CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/approvals", request.Uri.AbsolutePath);
        Assert.Equal(
            "{\"approval_responses\":[{\"action_request_id\":\"areq_7Tz2Wq9K\",\"action\":\"accept\",\"reason\":\"Looks right.\"}," +
            "{\"action_request_id\":\"areq_3Nd8Lx1V\",\"action\":\"accept\",\"response\":{\"values\":{\"email_tone\":\"formal\"}}}]}",
            request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(2, result.Results.Count);
        Assert.Equal("1757867730412-0", result.StreamCursor);
    }

    [Fact]
    public async Task ARejectionCarriesOnlyIdActionAndReason()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.approvals.200.json"));

        await ctx.Client.ResolveApprovalsAsync("s1", new[] { new ApprovalResponse("a1", ApprovalResponse.Reject) }, CancellationToken.None);

        Assert.Equal("{\"approval_responses\":[{\"action_request_id\":\"a1\",\"action\":\"reject\"}]}", ctx.Single().Body);
    }

    public static IEnumerable<object[]> BadAnswerSets()
    {
        yield return new object[] { Array.Empty<ApprovalResponse>() };
        yield return new object[] { Enumerable.Range(0, 21).Select(i => new ApprovalResponse("a" + i, "accept")).ToArray() };
        yield return new object[] { new[] { new ApprovalResponse("a1", "accept"), new ApprovalResponse("a1", "reject") } };
        yield return new object[] { new[] { new ApprovalResponse("a1", "approve") } };
        yield return new object[] { new[] { new ApprovalResponse(" ", "accept") } };
    }

    [Theory]
    [MemberData(nameof(BadAnswerSets))]
    public async Task InvalidAnswerSetsFailBeforeAnyRequest(ApprovalResponse[] answers)
    {
        using var ctx = new TestContext();

        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.ResolveApprovalsAsync("s1", answers, CancellationToken.None));

        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task TwentyAnswersAreAllowed()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.approvals.200.json"));

        await ctx.Client.ResolveApprovalsAsync("s1", Enumerable.Range(0, 20).Select(i => new ApprovalResponse("a" + i, "reject")).ToArray(), CancellationToken.None);

        Assert.Equal(20, Body(ctx.Single()).GetProperty("approval_responses").GetArrayLength());
    }

    [Fact]
    public async Task NotAwaitingApprovalIsAnApiErrorWithItsCode()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(409, TestPaths.ReadExample("errors/sessions.approvals.409.not_awaiting.json"));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() =>
            ctx.Client.ResolveApprovalsAsync("s1", new[] { new ApprovalResponse("a1", "accept") }, CancellationToken.None));

        Assert.Equal(409, ex.StatusCode);
        Assert.Equal("session_not_awaiting_approval", ex.ErrorCode);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task ApprovalsAreMessageCreatingNotRetriedOn503ButOn429()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}");

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() =>
            ctx.Client.ResolveApprovalsAsync("s1", new[] { new ApprovalResponse("a1", "accept") }, CancellationToken.None));
        Assert.Equal(503, ex.StatusCode);
        Assert.Single(ctx.Handler.Requests);

        ctx.Handler.Respond(429, "{\"error\":\"gummie_rate_limit\"}").Respond(200, TestPaths.ReadExample("sessions.approvals.200.json"));
        await ctx.Client.ResolveApprovalsAsync("s1", new[] { new ApprovalResponse("a1", "accept") }, CancellationToken.None);
        Assert.Equal(3, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task ApprovalsAreNotRetriedWhenTheConnectionDropsAfterSending()
    {
        using var ctx = new TestContext();
        ctx.Handler.FailAfterSending();

        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() =>
            ctx.Client.ResolveApprovalsAsync("s1", new[] { new ApprovalResponse("a1", "accept") }, CancellationToken.None));

        Assert.True(ex.RequestSent);
        Assert.Single(ctx.Handler.Requests);
        Assert.Contains("check the session", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueueListGetsTheQueue()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.queue.list.200.json"));

        IReadOnlyList<QueuedMessage> queue = await ctx.Client.GetQueueAsync("sess_Vk3nQ8wT2p", CancellationToken.None);

        Assert.Equal("GET", ctx.Single().Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/queue", ctx.Single().Uri.AbsolutePath);
        Assert.Equal(2, queue.Count);
        Assert.All(queue, q => Assert.Equal("sess_Vk3nQ8wT2p", q.SessionId));
    }

    [Fact]
    public async Task QueueAddPostsTheInput()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(201, TestPaths.ReadExample("sessions.queue.add.201.json"));

        QueueChange change = await ctx.Client.QueueMessageAsync("sess_Vk3nQ8wT2p", "Then add a reminder to my calendar for Nov 15.", CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/queue", request.Uri.AbsolutePath);
        Assert.Equal("{\"input\":\"Then add a reminder to my calendar for Nov 15.\"}", request.Body);
        Assert.Equal("qm_8Rb3Kw6e", change.QueuedMessage!.Id);
    }

    [Fact]
    public async Task QueueAddIsNotRetriedOn503()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(503, "{}");

        await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.QueueMessageAsync("s1", "x", CancellationToken.None));

        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task QueueFullIsAnApiErrorWithItsCode()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(409, TestPaths.ReadExample("errors/sessions.queue.409.queue_full.json"));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.QueueMessageAsync("s1", "x", CancellationToken.None));

        Assert.Equal("queue_full", ex.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EmptyQueuedInputIsRefusedLocally(string input)
    {
        using var ctx = new TestContext();

        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.QueueMessageAsync("s1", input, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.UpdateQueuedMessageAsync("s1", "q1", input, CancellationToken.None));

        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task QueueUpdatePatchesTheMessage()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.queue.update.200.json"));

        QueueChange change = await ctx.Client.UpdateQueuedMessageAsync("sess_Vk3nQ8wT2p", "qm_4Hx9Tn2c", "Also attach the Q3 usage chart as a PNG.", CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/queue/qm_4Hx9Tn2c", request.Uri.AbsolutePath);
        Assert.Equal("{\"input\":\"Also attach the Q3 usage chart as a PNG.\"}", request.Body);
        Assert.Equal("Also attach the Q3 usage chart as a PNG.", change.QueuedMessage!.Input);
    }

    [Fact]
    public async Task QueueDeleteReturnsTheRest()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.queue.delete.200.json"));

        IReadOnlyList<QueuedMessage> rest = await ctx.Client.DeleteQueuedMessageAsync("sess_Vk3nQ8wT2p", "qm_4Hx9Tn2c", CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/queue/qm_4Hx9Tn2c", request.Uri.AbsolutePath);
        Assert.Null(request.Body);
        Assert.Equal("qm_8Rb3Kw6e", Assert.Single(rest).Id);
    }

    [Fact]
    public async Task QueueSendPostsToSendAndReturnsTheSession()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(202, TestPaths.ReadExample("sessions.queue.send.202.json"));

        Session session = await ctx.Client.SendQueuedMessageAsync("sess_Vk3nQ8wT2p", "qm_4Hx9Tn2c", CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/queue/qm_4Hx9Tn2c/send", request.Uri.AbsolutePath);
        Assert.Equal("{}", request.Body);
        Assert.Equal("processing", session.State);
    }

    [Fact]
    public async Task QueuedMessageIdsAreEscapedIntoOneSegment()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(200, TestPaths.ReadExample("sessions.queue.delete.200.json"));

        await ctx.Client.DeleteQueuedMessageAsync("s 1", "q/2?x", CancellationToken.None);

        Assert.Equal("/api/v1/sessions/s%201/queue/q%2F2%3Fx", ctx.Single().Uri.AbsolutePath);
        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.DeleteQueuedMessageAsync("s1", "..", CancellationToken.None));
    }

    [Fact]
    public async Task UploadSendsBase64NameAndMediaType()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(201, TestPaths.ReadExample("sessions.files.upload.201.json"));
        byte[] content = Encoding.UTF8.GetBytes("account,renewal\nNorthwind,2026-11-30\n");
        string path = WriteFile("northwind_usage_q3.csv", content);

        SessionFile file = await ctx.Client.UploadSessionFileAsync("sess_Vk3nQ8wT2p", path, null, null, CancellationToken.None);

        RecordedRequest request = ctx.Single();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/sessions/sess_Vk3nQ8wT2p/files", request.Uri.AbsolutePath);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        JsonElement body = Body(request);
        Assert.Equal("northwind_usage_q3.csv", body.GetProperty("file_name").GetString());
        Assert.Equal("text/csv", body.GetProperty("media_type").GetString());
        Assert.Equal(content, Convert.FromBase64String(body.GetProperty("file_content").GetString()!));
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body!).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
        Assert.Equal("custom_agent_interactions/sess_Vk3nQ8wT2p/input/northwind_usage_q3.csv", file.FileName);
        Assert.Equal(18342, file.Size);
        Assert.Equal("sess_Vk3nQ8wT2p", file.SessionId);
        Assert.Equal(Path.GetFullPath(path), file.SourcePath);
    }

    [Fact]
    public async Task UploadNameAndMediaTypeCanBeOverriddenAndAreJsonEscaped()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(201, TestPaths.ReadExample("sessions.files.upload.201.json"));
        string path = WriteFile("a.bin", new byte[] { 0, 1, 2 });

        await ctx.Client.UploadSessionFileAsync("s1", path, "q\"uote\\d.txt", "text/x-custom", CancellationToken.None);

        JsonElement body = Body(ctx.Single());
        Assert.Equal("q\"uote\\d.txt", body.GetProperty("file_name").GetString());
        Assert.Equal("text/x-custom", body.GetProperty("media_type").GetString());
        Assert.Equal("AAEC", body.GetProperty("file_content").GetString());
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefusedFromItsSizeWithoutARequest()
    {
        using var ctx = new TestContext();
        string path = Path.Combine(_dir, "huge.bin");
        using (var stream = new FileStream(path, FileMode.Create))
        {
            // Sparse on most file systems: nothing is written, only the length is set.
            stream.SetLength(SessionFiles.MaxFileBytes + 1);
        }

        var ex = await Assert.ThrowsAsync<GumloopFileException>(() => ctx.Client.UploadSessionFileAsync("s1", path, null, null, CancellationToken.None));

        Assert.Equal(GumloopFileProblem.TooLarge, ex.Problem);
        Assert.Equal(SessionFiles.MaxFileBytes + 1, ex.Length);
        Assert.Contains("200 MB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task MissingFilesAndDirectoriesAreRefusedWithoutARequest()
    {
        using var ctx = new TestContext();

        var missing = await Assert.ThrowsAsync<GumloopFileException>(() => ctx.Client.UploadSessionFileAsync("s1", Path.Combine(_dir, "nope.txt"), null, null, CancellationToken.None));
        var folder = await Assert.ThrowsAsync<GumloopFileException>(() => ctx.Client.UploadSessionFileAsync("s1", _dir, null, null, CancellationToken.None));

        Assert.Equal(GumloopFileProblem.NotFound, missing.Problem);
        Assert.Equal(GumloopFileProblem.IsDirectory, folder.Problem);
        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task UploadIsResentWholeAfterA429()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(429, "{\"error\":\"gummie_rate_limit\"}").Respond(201, TestPaths.ReadExample("sessions.files.upload.201.json"));
        byte[] content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        string path = WriteFile("data.bin", content);

        await ctx.Client.UploadSessionFileAsync("s1", path, null, null, CancellationToken.None);

        Assert.Equal(2, ctx.Handler.Requests.Count);
        Assert.All(ctx.Handler.Requests, r => Assert.Equal(content, Convert.FromBase64String(Body(r).GetProperty("file_content").GetString()!)));
    }

    [Fact]
    public async Task UploadIsNotRetriedAfterTheBodyWentOut()
    {
        using var ctx = new TestContext();
        ctx.Handler.FailAfterSending();
        string path = WriteFile("data.txt", new byte[] { 65 });

        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() => ctx.Client.UploadSessionFileAsync("s1", path, null, null, CancellationToken.None));

        Assert.True(ex.RequestSent);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task UploadIsRetriedWhenTheConnectionFailedBeforeSending()
    {
        using var ctx = new TestContext();
        ctx.Handler.FailBeforeSending().Respond(201, TestPaths.ReadExample("sessions.files.upload.201.json"));
        string path = WriteFile("data.txt", new byte[] { 65 });

        await ctx.Client.UploadSessionFileAsync("s1", path, null, null, CancellationToken.None);

        Assert.Equal(2, ctx.Handler.Requests.Count);
    }

    [Fact]
    public async Task FileTooLargeFromTheServerIsAnApiError()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(413, TestPaths.ReadExample("errors/sessions.files.413.file_too_large.json"));
        string path = WriteFile("data.txt", new byte[] { 65 });

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.UploadSessionFileAsync("s1", path, null, null, CancellationToken.None));

        Assert.Equal(413, ex.StatusCode);
        Assert.Equal("file_too_large", ex.ErrorCode);
    }

    [Fact]
    public async Task SendMessageWithAttachmentsAddsTheAttachmentsArray()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(202, TestPaths.ReadExample("sessions.send.202.json"));

        await ctx.Client.SendMessageAsync("sess_Vk3nQ8wT2p", new SendMessageRequest("Summarise the usage.")
        {
            Attachments = new List<SessionAttachment>
            {
                new SessionAttachment("custom_agent_interactions/sess_Vk3nQ8wT2p/input/northwind_usage_q3.csv", "text/csv"),
                new SessionAttachment("custom_agent_interactions/sess_Vk3nQ8wT2p/input/notes", null),
            },
        }, CancellationToken.None);

        Assert.Equal(
            "{\"input\":\"Summarise the usage.\",\"attachments\":[{\"file_name\":\"custom_agent_interactions/sess_Vk3nQ8wT2p/input/northwind_usage_q3.csv\",\"media_type\":\"text/csv\"}," +
            "{\"file_name\":\"custom_agent_interactions/sess_Vk3nQ8wT2p/input/notes\"}]}",
            ctx.Single().Body);
    }

    [Fact]
    public async Task SendMessageWithoutAttachmentsSendsOnlyTheInput()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(202, TestPaths.ReadExample("sessions.send.202.json"));

        await ctx.Client.SendMessageAsync("s1", new SendMessageRequest("hi") { Attachments = new List<SessionAttachment>() }, CancellationToken.None);

        Assert.Equal("{\"input\":\"hi\"}", ctx.Single().Body);
    }

    [Fact]
    public async Task ElevenAttachmentsAreRefusedLocally()
    {
        using var ctx = new TestContext();
        var request = new SendMessageRequest("hi")
        {
            Attachments = Enumerable.Range(0, 11).Select(i => new SessionAttachment("custom_agent_interactions/s1/input/f" + i, null)).ToList(),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => ctx.Client.SendMessageAsync("s1", request, CancellationToken.None));

        Assert.Empty(ctx.Handler.Requests);
    }

    [Fact]
    public async Task InvalidAttachmentIsAnApiErrorNamingTheParameter()
    {
        using var ctx = new TestContext();
        ctx.Handler.Respond(400, TestPaths.ReadExample("errors/sessions.send.400.invalid_attachment.json"));

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.SendMessageAsync("s1", new SendMessageRequest("hi")
        {
            Attachments = new List<SessionAttachment> { new SessionAttachment("custom_agent_interactions/other/input/x", null) },
        }, CancellationToken.None));

        Assert.Equal("invalid_attachment", ex.ErrorCode);
        Assert.Equal("attachments[0].file_name", ex.Param);
    }
}
