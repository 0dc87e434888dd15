using System;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GumloopPS.Simulator
{
    public sealed partial class GumloopSimulator
    {
        private static readonly byte[] KeepAliveBytes = Encoding.UTF8.GetBytes(": keep-alive\n\n");

        private SimResponse ResumeStream(SimRequestContext req, string id)
        {
            if (!req.IsStreamHost) return WrongHost();
            lock (_gate)
            {
                if (!_sessions.TryGetValue(id, out var s)) return SessionNotFound();
                var t = s.CurrentTurn;
                var notResumable = new SimResponse { Sse = new SseSubscription(null, 0, false) };
                if (t == null || t.Aborted) return notResumable;
                // "Just finished" means a streamed run whose final event no connection has delivered yet (e.g. after a drop).
                bool live = !t.Finished;
                bool recent = t.Finished && t.Streamed && !t.FinalDelivered && DateTimeOffset.UtcNow - t.FinishedAt <= Options.ResumeWindow;
                if (!live && !recent) return notResumable;
                int start = 0;
                var cursor = req.Q("last_cursor");
                if (!string.IsNullOrEmpty(cursor))
                {
                    if (!TryParseCursor(t, cursor!, out int index)) return notResumable;
                    start = index + 1;
                }
                t.Connections++;
                return new SimResponse { Sse = new SseSubscription(t, start, false) };
            }
        }

        private static bool TryParseCursor(SimTurn t, string cursor, out int index)
        {
            index = -1;
            int dash = cursor.IndexOf('-');
            var head = dash < 0 ? cursor : cursor.Substring(0, dash);
            if (!long.TryParse(head, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return false;
            long offset = value - t.CursorBase;
            if (offset < -1 || offset >= 1000) return false;
            index = (int)offset;
            return true;
        }

        private async Task StreamAsync(SimRequestContext req, SimResponse resp)
        {
            var sub = resp.Sse!;
            var http = req.Http.Response;
            http.StatusCode = 200;
            http.ContentType = "text/event-stream; charset=utf-8";
            http.Headers["x-request-id"] = req.RequestId;
            http.Headers["Cache-Control"] = "no-cache";
            http.SendChunked = true;
            Log(req, 200);
            var output = http.OutputStream;
            var ct = _stopping.Token;
            try
            {
                if (sub.Turn == null)
                {
                    await WriteEventAsync(output, "finish", "{\"type\":\"finish\",\"finishReason\":\"not_resumable\",\"final\":true}", ct).ConfigureAwait(false);
                    http.Close();
                    return;
                }
                var t = sub.Turn;
                var deltas = new System.Collections.Generic.List<double>();
                lock (_logGate) _lastStreamDeltas = deltas;
                bool keepAlive = t.Directives.KeepAlive;
                int? dropAfter = sub.FirstConnection ? t.Directives.DropAfter : null;
                int pos = sub.StartIndex;
                int sent = 0;
                // One cancellation task per connection; a fresh Task.Delay per wait would pile up registrations on the stop token.
                var stopped = Task.Delay(Timeout.Infinite, ct);
                while (true)
                {
                    SseEvent[] batch;
                    bool ended;
                    Task changed;
                    lock (_gate)
                    {
                        batch = pos < t.Events.Count ? t.Events.Skip(pos).ToArray() : Array.Empty<SseEvent>();
                        ended = t.Finished || t.Aborted;
                        changed = t.Changed;
                    }
                    foreach (var e in batch)
                    {
                        if (keepAlive && sent > 0) await output.WriteAsync(KeepAliveBytes, 0, KeepAliveBytes.Length, ct).ConfigureAwait(false);
                        await WriteEventAsync(output, e.Type, e.Json, ct).ConfigureAwait(false);
                        if (e.Type == "text-delta")
                        {
                            double ms = (System.Diagnostics.Stopwatch.GetTimestamp() - req.ReceivedAt) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
                            lock (_logGate) deltas.Add(ms);
                        }
                        sent++;
                        pos++;
                        if (e.IsFinal) lock (_gate) t.FinalDelivered = true;
                        if (dropAfter.HasValue && sent >= dropAfter.Value)
                        {
                            await Task.Delay(10, ct).ConfigureAwait(false);
                            SimReset.Reset(req.Http);
                            return;
                        }
                    }
                    if (ended) break;
                    if (batch.Length > 0) continue;
                    if (keepAlive)
                    {
                        var winner = await Task.WhenAny(changed, stopped, Task.Delay(100)).ConfigureAwait(false);
                        if (winner == stopped) throw new OperationCanceledException(ct);
                        if (winner != changed) await output.WriteAsync(KeepAliveBytes, 0, KeepAliveBytes.Length, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        var winner = await Task.WhenAny(changed, stopped).ConfigureAwait(false);
                        if (winner == stopped) throw new OperationCanceledException(ct);
                    }
                }
                http.Close();
            }
            catch (Exception)
            {
                try { http.Abort(); } catch (Exception) { }
            }
        }

        private static Task WriteEventAsync(System.IO.Stream output, string type, string json, CancellationToken ct)
        {
            var bytes = Encoding.UTF8.GetBytes("event: " + type + "\ndata: " + json + "\n\n");
            return output.WriteAsync(bytes, 0, bytes.Length, ct);
        }
    }
}
