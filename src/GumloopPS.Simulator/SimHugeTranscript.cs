using System;
using System.Globalization;
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
                    var start = new DateTimeOffset(2026, 9, 14, 16, 30, 0, TimeSpan.Zero);
                    var text = new StringBuilder(96 * 1024);
                    text.Append("{\"session\":{\"id\":").Append(Quote(sessionId))
                        .Append(",\"agent_id\":\"agHugeTranscript\",\"name\":\"Generated transcript of ")
                        .Append(count.ToString(CultureInfo.InvariantCulture)).Append(" messages\",\"messages\":[");
                    for (int i = 0; i < count; i++)
                    {
                        if (i > 0) text.Append(',');
                        string id = "msg_" + i.ToString("x8", CultureInfo.InvariantCulture);
                        string at = start.AddMilliseconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'000Z'", CultureInfo.InvariantCulture);
                        int turn = i / 2 + 1;
                        if (i % 2 == 0)
                        {
                            text.Append("{\"id\":\"").Append(id).Append("\",\"role\":\"user\",\"content\":\"Question ").Append(turn)
                                .Append(" about the renewal\",\"created_at\":\"").Append(at).Append("\",\"creator_id\":").Append(Quote(userId)).Append(",\"parts\":[]}");
                        }
                        else
                        {
                            text.Append("{\"id\":\"").Append(id).Append("\",\"role\":\"assistant\",\"content\":null,\"created_at\":\"").Append(at)
                                .Append("\",\"parts\":[{\"id\":\"part_").Append(id, 4, 8).Append("\",\"type\":\"text\",\"text\":\"Reply ").Append(turn).Append(" to the question\"}]}");
                        }

                        if (text.Length > 64 * 1024)
                        {
                            await Flush(stream, text, ct).ConfigureAwait(false);
                        }
                    }

                    text.Append("],\"created_at\":\"").Append(start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                        .Append("\",\"state\":\"completed\",\"agent_name\":\"Huge Transcript Agent\",\"agent_team_id\":null,\"agent_creator_user_id\":null,")
                        .Append("\"agent_icon_url\":null,\"agent_tools\":[],\"participants\":{").Append(Quote(userId))
                        .Append(":{\"first_name\":\"Priya\",\"last_name\":\"Raman\"}},\"pending_approvals\":[],\"creator\":null,")
                        .Append("\"usage\":{\"credit_cost\":0,\"input_tokens\":0,\"output_tokens\":0}},\"queue_position\":null}");
                    await Flush(stream, text, ct).ConfigureAwait(false);
                },
            };
        }

        private static async System.Threading.Tasks.Task Flush(System.IO.Stream stream, StringBuilder text, System.Threading.CancellationToken ct)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
            text.Clear();
            await stream.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
        }

        private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
    }
}
