using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using Xunit;

namespace GumloopPS.Tests.Reliability;

/// <summary>Responses a proxy, a bug or an attacker could send: each must become one clean exception.</summary>
public class HostileResponseTests
{
    public static TheoryData<string> Faults => new TheoryData<string> { "malformed", "html200", "html502", "empty200", "deep", "wrongShape", "scalar" };

    private static SimulatorFault Make(string name) => name switch
    {
        "malformed" => SimulatorFault.MalformedJson(),
        "html200" => SimulatorFault.HtmlBody(200),
        "html502" => SimulatorFault.HtmlBody(502),
        "empty200" => SimulatorFault.EmptyBody200(),
        "deep" => SimulatorFault.DeepJson(100_000),
        "wrongShape" => SimulatorFault.Status(200, "{\"sessions\":[]}"),
        "scalar" => SimulatorFault.Status(200, "[1,2,3]"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task EachHostileBodyIsOneGumloopException(string fault)
    {
        using var ctx = new SimClient();
        GumloopClient client = ctx.NewClient(maxRetryCount: 0);
        ctx.Fault("GET", "/sessions/*", Make(fault));

        var ex = await Assert.ThrowsAnyAsync<GumloopException>(() => client.GetSessionAsync(SimClient.CompletedSession, CancellationToken.None));

        if (fault == "html502")
        {
            var api = Assert.IsType<GumloopApiException>(ex);
            Assert.Equal(502, api.StatusCode);
            Assert.DoesNotContain("<html", api.Message, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.IsType<GumloopResponseException>(ex);
        }

        Assert.True(ex.Message.Length < 1000, ex.Message);
        Assert.DoesNotContain(ctx.Key, ex.ToString(), StringComparison.Ordinal);
        Assert.Single(ctx.ApiLog);
    }

    [Fact]
    public void TheDefaultCapFitsASandbox()
    {
        Assert.Equal(128L * 1024 * 1024, new GumloopConnectionOptions().MaxResponseBytes);
    }

    [Fact]
    public async Task UnknownEnumValuesPassThroughAsStrings()
    {
        using var ctx = new SimClient();
        ctx.Fault("GET", "/sessions/*", SimulatorFault.Status(200,
            "{\"session\":{\"id\":\"sess_x\",\"agent_id\":\"a\",\"state\":\"hyperspace\",\"type\":\"carrier_pigeon\",\"messages\":[{\"id\":\"m\",\"role\":\"oracle\",\"content\":\"hi\",\"parts\":[{\"type\":\"hologram\"}]}]}}"));

        Session session = await ctx.Client.GetSessionAsync("sess_x", CancellationToken.None);

        Assert.Equal("hyperspace", session.State);
        Assert.Equal("carrier_pigeon", session.Type);
        Message message = Assert.Single(session.Messages);
        Assert.Equal("oracle", message.Role);
        Assert.Equal("hologram", message.Parts.Single().Type);
    }

    [Fact]
    public async Task AnEchoedKeyIsRedactedFromEveryPartOfTheException()
    {
        using var ctx = new SimClient();
        ctx.Fault("GET", "/agents", SimulatorFault.EchoAuthorization());

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.ListAgentsAsync(null, CancellationToken.None));

        string everything = string.Join("\n", ex.ToString(), ex.Message, ex.ApiMessage, ex.ResponseBody, ex.Details?.ToString(),
            string.Join(";", ex.Data.Keys.Cast<object>().Select(k => k + "=" + ex.Data[k])));
        Assert.DoesNotContain(ctx.Key, everything, StringComparison.Ordinal);
        Assert.Contains("****", ex.ResponseBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ctx.Key, string.Join("\n", ctx.Log.All), StringComparison.Ordinal);
    }
}

/// <summary>A body far over the size cap, measured on the process-wide allocation counter.</summary>
[Collection(AllocationMeasuredCollection.Name)]
public class HugeResponseBodyTests
{
    [Fact]
    public async Task AHugeBodyStopsAtTheCapWithoutBufferingTheRest()
    {
        using var ctx = new SimClient(o => o.MaxResponseBytes = 4L * 1024 * 1024);
        ctx.Fault("GET", "/agents", SimulatorFault.HugeBody(300L * 1024 * 1024));
        long before = GC.GetTotalAllocatedBytes(precise: false);
        var sw = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<GumloopResponseException>(() => ctx.Client.ListAgentsAsync(null, CancellationToken.None));

        sw.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        Assert.Contains("4,194,304-byte limit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("response-size limit", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4 * 1024 * 1024, ex.SizeLimitBytes);

        // Reading stopped at the cap: far less than the 300 MB on offer was read or allocated, and quickly.
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated:N0} bytes");
        Assert.True(sw.Elapsed.TotalSeconds < 5, $"took {sw.Elapsed.TotalSeconds:0.0} s");

        // A size problem is not transient: no retry.
        Assert.Single(ctx.ApiLog);
    }
}
