using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Simulator;
using GumloopPS.Tests.Core;
using GumloopPS.Tests.Reliability;
using Xunit;

namespace GumloopPS.Tests.Chat;

/// <summary>What chat completions put on the wire and how their answers, unary and streamed, are read.</summary>
public class ChatClientTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static ChatCompletionRequest Ask(string text, string model = "claude-sonnet-4-5")
    {
        var request = new ChatCompletionRequest(model);
        request.Messages.Add(new ChatMessage("user", text));
        return request;
    }

    private static JsonElement Body(SimulatorRequest request)
    {
        using var doc = JsonDocument.Parse(request.Body!);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task A_unary_completion_goes_to_the_stream_host_with_model_messages_and_options_and_no_team_id()
    {
        using var ctx = new SimClient();
        // The team key of the simulator, so that team_id would be added to a REST request.
        using var team = new GumloopConnection(new GumloopConnectionOptions
        {
            BaseUri = ctx.Sim.BaseUri, StreamBaseUri = ctx.Sim.StreamBaseUri, AuthKind = GumloopAuthKind.TeamKey,
            Secret = ctx.Sim.TeamApiKey, UserId = ctx.Sim.UserId, TeamId = ctx.Sim.TeamId, Timeout = TimeSpan.FromSeconds(20),
        });
        var client = new GumloopClient(team);
        var request = Ask("What is the capital of Portugal?");
        request.Temperature = 0.2;
        request.MaxTokens = 50;
        request.ResponseFormat = new JsonMap { ["type"] = "json_object" };

        ChatCompletion completion = await client.CreateChatCompletionAsync(request, None);

        var sent = ctx.Sim.RequestLog.Single(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.Equal("stream", sent.Host);
        Assert.Equal("POST", sent.Method);
        Assert.DoesNotContain("team_id", sent.Query, StringComparison.Ordinal);
        var body = Body(sent);
        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble());
        Assert.Equal(50, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.TryGetProperty("max_tokens", out _));
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("What is the capital of Portugal?", message.GetProperty("content").GetString());

        Assert.Equal("{\"reply\":\"Reply 1 to \\u0022What is the capital of Portugal?\\u0022\"}", completion.Text);
        Assert.False(completion.Streamed);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Equal(completion.PromptTokens + completion.CompletionTokens, completion.TotalTokens);
        Assert.NotNull(completion.Cost);
        Assert.False(completion.IsByok);
        Assert.Equal(new[] { "user", "assistant" }, completion.Messages.Select(m => m.Role));
        Assert.Equal(completion.Text, completion.Messages[1].Content);
    }

    [Fact]
    public async Task A_continued_conversation_sends_every_earlier_turn()
    {
        using var ctx = new SimClient();
        var first = await ctx.Client.CreateChatCompletionAsync(Ask("hi"), None);
        var next = new ChatCompletionRequest(first.Model!);
        next.Messages.AddRange(first.Messages);
        next.Messages.Add(new ChatMessage("user", "and then?"));

        var second = await ctx.Client.CreateChatCompletionAsync(next, None);

        var body = Body(ctx.Sim.RequestLog.Last(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)));
        var messages = body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToList();
        Assert.Equal(new[] { ("user", "hi"), ("assistant", "Reply 1 to \"hi\""), ("user", "and then?") }, messages);
        Assert.Equal("Reply 2 to \"and then?\"", second.Text);
        Assert.Equal(4, second.Messages.Count);
    }

    [Fact]
    public async Task A_streamed_completion_s_text_is_exactly_its_deltas_and_it_asks_for_an_event_stream()
    {
        using var ctx = new SimClient();
        var deltas = new StringBuilder();
        int count = 0;

        var completion = await ctx.Client.StreamChatCompletionAsync(Ask("Tell me about the Northwind renewal"), d =>
        {
            deltas.Append(d.Content);
            count++;
        }, None);

        Assert.True(count > 2, "the reply came in pieces");
        Assert.Equal(deltas.ToString(), completion.Text);
        Assert.Equal("Reply 1 to \"Tell me about the Northwind renewal\"", completion.Text);
        Assert.True(completion.Streamed);
        Assert.Equal("stop", completion.FinishReason);
        Assert.NotNull(completion.TotalTokens);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        var sent = ctx.Sim.RequestLog.Single(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.True(Body(sent).GetProperty("stream").GetBoolean());
        Assert.Equal("stream", sent.Host);
    }

    [Fact]
    public async Task A_mid_stream_error_chunk_throws_with_its_code_and_the_partial_reply()
    {
        using var ctx = new SimClient();
        var deltas = new StringBuilder();

        var ex = await Assert.ThrowsAsync<GumloopChatStreamException>(() =>
            ctx.Client.StreamChatCompletionAsync(Ask("Summarise sim:credit-limit"), d => deltas.Append(d.Content), None));

        Assert.Equal("402", ex.ErrorCode);
        Assert.True(ex.IsInsufficientCredits);
        Assert.Contains("Credit limit reached", ex.Message, StringComparison.Ordinal);
        Assert.Equal("error", ex.Partial.FinishReason);
        Assert.Equal(deltas.ToString(), ex.Partial.Text);
        Assert.NotEmpty(ex.Partial.Text!);
        // Spends credits: never sent twice.
        Assert.Single(ctx.Sim.RequestLog, r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_402_before_the_stream_is_an_api_error_and_is_not_retried()
    {
        using var ctx = new SimClient(maxRetryCount: 3);

        var ex = await Assert.ThrowsAsync<GumloopApiException>(() => ctx.Client.StreamChatCompletionAsync(Ask("sim:no-credits please"), d => { }, None));

        Assert.Equal(402, ex.StatusCode);
        Assert.Equal("insufficient_credits", ex.ErrorCode);
        Assert.Single(ctx.Sim.RequestLog, r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_done_terminator_ends_the_call_without_waiting_for_the_server_to_close()
    {
        using var ctx = new TestContext();
        // Everything after [DONE] must be ignored, even a chunk that would change the text.
        const string sse = "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Lis\"},\"finish_reason\":null}]}\n\n"
            + ": keep-alive\n\n"
            + "data: not json at all\n\n"
            + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"bon.\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":14,\"completion_tokens\":3,\"total_tokens\":17,\"cost\":9.3e-05,\"is_byok\":false}}\n\n"
            + "data: [DONE]\n\n"
            + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" EXTRA\"},\"finish_reason\":null}]}\n\n";
        ctx.Handler.Respond(200, sse, "text/event-stream");

        var completion = await ctx.Client.StreamChatCompletionAsync(Ask("capital?"), d => { }, None);

        Assert.Equal("Lisbon.", completion.Text);
        Assert.Equal(17, completion.TotalTokens);
        Assert.Equal(9.3e-05, completion.Cost);
        var request = ctx.Single();
        Assert.Equal("ws.gumloop.com", request.Uri.Host);
        Assert.Equal("text/event-stream", request.Headers["Accept"]);
    }

    [Fact]
    public async Task A_stream_that_closes_before_finishing_is_reported_as_lost_and_not_resent()
    {
        using var ctx = new TestContext(maxRetryCount: 3);
        ctx.Handler.Respond(200, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half\"},\"finish_reason\":null}]}\n\n", "text/event-stream");

        var ex = await Assert.ThrowsAsync<GumloopNetworkException>(() => ctx.Client.StreamChatCompletionAsync(Ask("x"), d => { }, None));

        Assert.True(ex.RequestSent);
        Assert.Contains("not sent again", ex.Message, StringComparison.Ordinal);
        Assert.Single(ctx.Handler.Requests);
    }

    [Fact]
    public async Task Streamed_tool_calls_are_assembled_from_their_pieces()
    {
        using var ctx = new TestContext();
        const string sse = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\"\"}}]},\"finish_reason\":null}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"Ottawa\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}\n\n"
            + "data: [DONE]\n\n";
        ctx.Handler.Respond(200, sse, "text/event-stream");

        var completion = await ctx.Client.StreamChatCompletionAsync(Ask("weather?"), d => { }, None);

        Assert.Equal("tool_calls", completion.FinishReason);
        var call = Assert.IsType<JsonMap>(Assert.Single(completion.ToolCalls!));
        Assert.Equal("call_1", call["id"]);
        var function = Assert.IsType<JsonMap>(call["function"]);
        Assert.Equal("get_weather", function["name"]);
        Assert.Equal("{\"city\":\"Ottawa\"}", function["arguments"]);
        Assert.Same(completion.ToolCalls, completion.Messages.Last().ToolCalls);
    }

    [Fact]
    public async Task An_image_travels_as_a_data_url_content_part_beside_the_text()
    {
        using var ctx = new SimClient();
        string path = Path.Combine(Path.GetTempPath(), "chat-" + Guid.NewGuid().ToString("N") + ".png");
        byte[] png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
        File.WriteAllBytes(path, png);
        try
        {
            var request = Ask("What is this?");
            request.Messages[0].Images.Add(GumloopChatClient.ImageDataUrl(path));

            var completion = await ctx.Client.CreateChatCompletionAsync(request, None);

            var message = Body(ctx.Sim.RequestLog.Last()).GetProperty("messages")[0];
            var parts = message.GetProperty("content").EnumerateArray().ToList();
            Assert.Equal("text", parts[0].GetProperty("type").GetString());
            Assert.Equal("What is this?", parts[0].GetProperty("text").GetString());
            Assert.Equal("image_url", parts[1].GetProperty("type").GetString());
            Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), parts[1].GetProperty("image_url").GetProperty("url").GetString());
            Assert.Equal("Reply 1 to \"What is this?\" (1 image)", completion.Text);
            Assert.Equal("(1 image)", completion.Messages[0].Images.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Images_over_20_MB_or_of_other_types_are_refused_before_reading()
    {
        string dir = Path.Combine(Path.GetTempPath(), "chat-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string big = Path.Combine(dir, "big.jpg");
            using (var f = File.Create(big))
            {
                f.SetLength(GumloopChatClient.MaxImageBytes + 1);
            }

            var tooLarge = Assert.Throws<GumloopFileException>(() => GumloopChatClient.ImageDataUrl(big));
            Assert.Equal(GumloopFileProblem.TooLarge, tooLarge.Problem);
            Assert.Equal(GumloopChatClient.MaxImageBytes + 1, tooLarge.Length);

            string bmp = Path.Combine(dir, "scan.bmp");
            File.WriteAllBytes(bmp, new byte[] { 1, 2 });
            var wrongType = Assert.Throws<GumloopFileException>(() => GumloopChatClient.ImageDataUrl(bmp));
            Assert.IsType<InvalidDataException>(wrongType.InnerException);

            string exact = Path.Combine(dir, "exact.webp");
            using (var f = File.Create(exact))
            {
                f.SetLength(GumloopChatClient.MaxImageBytes);
            }

            Assert.StartsWith("data:image/webp;base64,", GumloopChatClient.ImageDataUrl(exact), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_unary_example_is_read_with_usage_and_the_conversation()
    {
        string json = TestPaths.ReadExample("chat.completions.200.json");
        using var doc = JsonDocument.Parse(json);
        var sent = new[] { new ChatMessage("user", "Capital of Portugal?") };

        var completion = ChatCompletion.FromJson(doc.RootElement, sent);

        Assert.Equal("Lisbon is the capital of Portugal.", completion.Text);
        Assert.Equal("claude-sonnet-4-5", completion.Model);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1757866011), completion.CreatedAt);
        Assert.Equal(14, completion.PromptTokens);
        Assert.Equal(8, completion.CompletionTokens);
        Assert.Equal(22, completion.TotalTokens);
        Assert.Null(completion.Cost);
        Assert.False(completion.IsByok);
        Assert.Equal("user: Capital of Portugal?\nassistant: Lisbon is the capital of Portugal.", completion.Messages.ToString());
        Assert.Equal(new[] { "system_fingerprint" }, completion.GetAdditionalPropertyNames());
    }
}
