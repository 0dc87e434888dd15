using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Core;

/// <summary>
/// A streamed transcript hands each message over as soon as it is complete, with its author filled in, holds only a
/// bounded amount while it waits for the session's fields, and is limited per message rather than in total.
/// </summary>
public class TranscriptStreamTests
{
    [Fact]
    public async Task ATranscriptWithinTheHoldLimitIsReadWithOneRequest()
    {
        using var ctx = new SimClient();
        string id = ctx.Sim.SeedSession(SimClient.RenewalAgent, 40);
        ctx.Sim.ClearRequestLog();

        var (header, count, messages) = await StreamAsync(ctx.Client, id);

        Assert.Single(ctx.ApiLog);
        Assert.Equal(id, header!.Id);
        Assert.Equal(40, count);
        Assert.Equal(40, messages.Count);
        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.AuthorName)));
    }

    [Fact]
    public async Task ALongTranscriptFetchesTheSessionFieldsOnceAndHandsMessagesOverBeforeTheBodyEnds()
    {
        using var ctx = new SimClient();
        string id = ctx.Sim.SeedSession(SimClient.RenewalAgent, 3000);
        ctx.Client.TranscriptHoldBytes = 2048;
        ctx.Sim.ClearRequestLog();
        Session whole = await ctx.Client.GetSessionAsync(id, CancellationToken.None);
        ctx.Sim.ClearRequestLog();

        long? countAtStart = null;
        var messages = new List<Message>();
        long handed = await ctx.Client.StreamTranscriptAsync(id, (h, c) => countAtStart = c, messages.Add, CancellationToken.None);

        // The body, then the session's fields while the body waits; nothing more.
        Assert.Equal(2, ctx.ApiLog.Count);
        Assert.Equal(3000, countAtStart);
        Assert.Equal(3000, handed);
        Assert.Equal(whole.Messages.Select(m => (m.Id, m.AuthorName, m.SessionId, m.AgentId)), messages.Select(m => (m.Id, m.AuthorName, m.SessionId, m.AgentId)));
        Assert.Contains(messages, m => m.Role == "user" && m.AuthorName != null);
        Assert.Contains(messages, m => m.Role == "assistant" && m.AuthorName != null);
    }

    [Fact]
    public async Task TheResponseSizeLimitAppliesToEachMessageNotToTheWholeTranscript()
    {
        using var ctx = new SimClient(o => o.MaxResponseBytes = 64 * 1024);
        string id = ctx.Sim.SeedSession(SimClient.RenewalAgent, 5000);

        // About 600 KB of body, ten times the limit, and no message near it.
        var (_, count, messages) = await StreamAsync(ctx.Client, id);
        Assert.Equal(5000, count);
        Assert.Equal(5000, messages.Count);

        // A buffered read of the same body is still held to the limit.
        await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.GetSessionAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task AMessageLargerThanTheLimitFailsTheTranscriptWithAClearError()
    {
        using var ctx = new SimClient(o => o.MaxResponseBytes = 64 * 1024);
        string big = new string('x', 200 * 1024);
        ctx.Fault("GET", "/sessions/sess_big", SimulatorFault.RawBytes(200, System.Text.Encoding.UTF8.GetBytes(
            "{\"session\":{\"id\":\"sess_big\",\"messages\":[{\"id\":\"m1\",\"role\":\"user\",\"content\":\"" + big + "\"}]}}")));

        var error = await Assert.ThrowsAsync<GumloopResponseException>(() => StreamAsync(ctx.Client, "sess_big"));

        Assert.Contains("A message in the transcript of session sess_big is larger than the 65,536-byte limit", error.Message);
        Assert.Contains("response-size limit", error.Message);
        Assert.Equal(65536, error.SizeLimitBytes);
    }

    [Fact]
    public async Task ARetryAfterABrokenBodyResumesAfterTheMessagesAlreadyHandedOver()
    {
        using var ctx = new SimClient();
        string id = ctx.Sim.SeedSession(SimClient.RenewalAgent, 2000);
        ctx.Client.TranscriptHoldBytes = 1024;
        ctx.Fault("GET", "/sessions/" + id, SimulatorFault.TruncatedBody());

        var (_, count, messages) = await StreamAsync(ctx.Client, id);

        Assert.Equal(2000, count);
        Assert.Equal(2000, messages.Count);
        Assert.Equal(2000, messages.Select(m => m.Id).Distinct().Count());
        Assert.Equal("msg_000000", messages[0].Id);
        Assert.True(ctx.ApiLog.Count >= 3, "the broken body, the session's fields and the retried body");
    }

    [Fact]
    public async Task AGeneratedMillionMessageSessionStreamsPastTheDefaultLimit()
    {
        // 1,000,000 messages is about 190 MB, past the default 128 MB limit: the Pester suite exports it through the
        // cmdlet; here a smaller generated body shows the generator's shape resolves every author.
        using var ctx = new SimClient();
        ctx.Fault("GET", "/sessions/sess_generated", SimulatorFault.HugeTranscript(20_000), SimulatorFault.HugeTranscript(20_000));
        ctx.Client.TranscriptHoldBytes = 64 * 1024;

        var (header, count, messages) = await StreamAsync(ctx.Client, "sess_generated");

        Assert.Equal("sess_generated", header!.Id);
        Assert.Equal(20_000, count);
        Assert.Equal(20_000, messages.Count);
        Assert.All(messages, m => Assert.Equal(m.Role == "user" ? "Priya Raman" : "Huge Transcript Agent", m.AuthorName));
    }

    private static async Task<(Session? Header, long Count, List<Message> Messages)> StreamAsync(GumloopClient client, string id)
    {
        Session? header = null;
        long count = -1;
        var messages = new List<Message>();
        await client.StreamTranscriptAsync(id, (h, c) =>
        {
            Assert.Null(header);
            Assert.Empty(messages);
            header = h;
            count = c;
        }, messages.Add, CancellationToken.None);
        return (header, count, messages);
    }
}
