using System;
using System.Text;

namespace GumloopPS.Simulator
{
    public sealed partial class GumloopSimulator
    {
        /// <summary>
        /// A session envelope of <paramref name="count"/> generated messages, written as it is generated: a million
        /// messages (about 190 MB) cost the simulator no memory, so tests and benchmarks can export them cheaply.
        /// </summary>
        private SimResponse HugeTranscript(SimRequestContext req, int count)
        {
            string path = req.RelativeRawPath.TrimEnd('/');
            string sessionId = Uri.UnescapeDataString(path.Substring(path.LastIndexOf('/') + 1));
            string userId = UserId;
            return new SimResponse
            {
                Status = 200,
                Writer = async (stream, ct) =>
                {
                    // Bytes written by hand: formatting a million dates and strings would make the simulator, not the
                    // client, the slow side of every test and benchmark that uses this body.
                    var w = new AsciiBuffer(1024 * 1024);
                    w.Put("{\"session\":{\"id\":").Put(Quote(sessionId)).Put(",\"agent_id\":\"agHugeTranscript\",\"name\":\"Generated transcript of ")
                        .Number(count, 1).Put(" messages\",\"messages\":[");
                    byte[] userHead = Encoding.UTF8.GetBytes("{\"id\":\"msg_");
                    byte[] userMid = Encoding.UTF8.GetBytes("\",\"role\":\"user\",\"content\":\"Question ");
                    byte[] userTail = Encoding.UTF8.GetBytes(" about the renewal\",\"created_at\":\"");
                    byte[] userEnd = Encoding.UTF8.GetBytes("\",\"creator_id\":" + Quote(userId) + ",\"parts\":[]}");
                    byte[] botMid = Encoding.UTF8.GetBytes("\",\"role\":\"assistant\",\"content\":null,\"created_at\":\"");
                    byte[] botPart = Encoding.UTF8.GetBytes("\",\"parts\":[{\"id\":\"part_");
                    byte[] botText = Encoding.UTF8.GetBytes("\",\"type\":\"text\",\"text\":\"Reply ");
                    byte[] botEnd = Encoding.UTF8.GetBytes(" to the question\"}]}");
                    for (int i = 0; i < count; i++)
                    {
                        if (i > 0) w.Put((byte)',');
                        int turn = i / 2 + 1;
                        if (i % 2 == 0)
                        {
                            w.Put(userHead).Hex8(i).Put(userMid).Number(turn, 1).Put(userTail).Timestamp(i).Put(userEnd);
                        }
                        else
                        {
                            w.Put(userHead).Hex8(i).Put(botMid).Timestamp(i).Put(botPart).Hex8(i).Put(botText).Number(turn, 1).Put(botEnd);
                        }

                        if (w.Length > 1000 * 1024)
                        {
                            await w.FlushAsync(stream, ct).ConfigureAwait(false);
                        }
                    }

                    w.Put("],\"created_at\":\"2026-09-14T16:30:00Z\",\"state\":\"completed\",\"agent_name\":\"Huge Transcript Agent\",")
                        .Put("\"agent_team_id\":null,\"agent_creator_user_id\":null,\"agent_icon_url\":null,\"agent_tools\":[],\"participants\":{")
                        .Put(Quote(userId)).Put(":{\"first_name\":\"Priya\",\"last_name\":\"Raman\"}},\"pending_approvals\":[],\"creator\":null,")
                        .Put("\"usage\":{\"credit_cost\":0,\"input_tokens\":0,\"output_tokens\":0}},\"queue_position\":null}");
                    await w.FlushAsync(stream, ct).ConfigureAwait(false);
                },
            };
        }

        /// <summary>A growing-free byte buffer with the few writes the generated transcript needs.</summary>
        private sealed class AsciiBuffer
        {
            private static readonly byte[] HexDigits = Encoding.ASCII.GetBytes("0123456789abcdef");
            private static readonly byte[] Month = Encoding.ASCII.GetBytes("2026-09-");
            private static readonly byte[] Nanos = Encoding.ASCII.GetBytes("000Z");
            private readonly byte[] _bytes;

            public AsciiBuffer(int size) { _bytes = new byte[size + 4096]; }

            public int Length { get; private set; }

            public AsciiBuffer Put(byte b) { _bytes[Length++] = b; return this; }

            public AsciiBuffer Put(byte[] bytes)
            {
                Buffer.BlockCopy(bytes, 0, _bytes, Length, bytes.Length);
                Length += bytes.Length;
                return this;
            }

            public AsciiBuffer Put(string text) => Put(Encoding.UTF8.GetBytes(text));

            /// <summary>A non-negative number with at least <paramref name="width"/> digits (zero-padded).</summary>
            public AsciiBuffer Number(long value, int width)
            {
                int digits = 1;
                for (long v = value; v >= 10; v /= 10) digits++;
                digits = Math.Max(digits, width);
                for (int d = digits - 1; d >= 0; d--)
                {
                    _bytes[Length + d] = (byte)('0' + value % 10);
                    value /= 10;
                }

                Length += digits;
                return this;
            }

            public AsciiBuffer Hex8(int value)
            {
                for (int d = 7; d >= 0; d--)
                {
                    _bytes[Length + d] = HexDigits[value & 0xF];
                    value >>= 4;
                }

                Length += 8;
                return this;
            }

            /// <summary>2026-09-14T16:30:00.000Z plus <paramref name="ms"/> milliseconds, with nanosecond precision as the service writes it.</summary>
            public AsciiBuffer Timestamp(long ms)
            {
                long total = 16L * 3600_000 + 30L * 60_000 + ms;
                long day = 14 + total / 86_400_000;
                total %= 86_400_000;
                Put(Month).Number(day, 2).Put((byte)'T').Number(total / 3600_000, 2).Put((byte)':')
                    .Number(total / 60_000 % 60, 2).Put((byte)':').Number(total / 1000 % 60, 2).Put((byte)'.').Number(total % 1000, 3);
                return Put(Nanos);
            }

            public async System.Threading.Tasks.Task FlushAsync(System.IO.Stream stream, System.Threading.CancellationToken ct)
            {
                await stream.WriteAsync(_bytes, 0, Length, ct).ConfigureAwait(false);
                Length = 0;
            }
        }

        private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
    }
}
