using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Tests.Reliability;

namespace GumloopPS.Tests.Transcripts;

internal static class TranscriptTestSupport
{
    /// <summary>Strings an attacker would have an agent say; each must come out of an export as plain text.</summary>
    public static readonly string[] HostileStrings =
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">click me</a> [click](javascript:alert(1)) ![pixel](https://tracker.example/p.png)",
        "</style><style>body{display:none}</style>",
        "\"><svg onload=alert(1)>' onmouseover='alert(1)",
        "<iframe src=\"https://evil.example\"></iframe><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><base href=\"https://evil.example/\">",
        "<!-- </details></article></section> --><![CDATA[ x ]]>&lt;b&gt;",
        "\u001b[31mred\u001b[0m \u001b]0;pwned title\u0007 \u001b]8;;https://evil.example\u001b\\hidden link\u001b]8;;\u001b\\ \u001b]52;c;ZXZpbA==\u0007\u001b[2J\u001b[8mconcealed\u001b[28m \u009b31mc1\u0000nul\u007fdel",
    };

    public static string AllHostile => string.Join("\n", HostileStrings);

    public static Session Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Session.FromEnvelope(document.RootElement.Clone());
    }

    /// <summary>A session with <paramref name="text"/> in every string an export shows: names, texts, tools, approvals.</summary>
    public static Session SessionWithText(string text)
    {
        string t = JsonSerializer.Serialize(text);
        string json = """
        {"session":{"id":"sess_h1","agent_id":"agent_h1","agent_name":@T@,"name":@T@,"type":"api","state":"approval_required",
         "created_at":"2026-09-14T16:30:00Z",
         "participants":{"u1":{"first_name":@T@,"last_name":"Raman"}},
         "creator":{"id":"u1","first_name":@T@,"last_name":"Raman"},
         "usage":{"credit_cost":3.5,"tool_credit_cost":1,"flow_credit_cost":0,"input_tokens":100,"output_tokens":20},
         "messages":[
          {"id":"m1","role":"user","content":@T@,"created_at":"2026-09-14T16:30:00Z","creator_id":"u1","parts":null},
          {"id":"m2","role":"assistant","content":null,"created_at":"2026-09-14T16:30:05Z","creator_id":null,"parts":[
            {"id":"p1","type":"text","text":@T@},
            {"id":"p2","type":"tool_invocation","toolCallId":"tc1","toolName":@T@,"toolCallState":"completed","result":{"args":{"q":@T@},"result":@T@}},
            {"id":"p3","type":"file","file_name":@T@,"media_type":"text/plain"},
            {"id":"p4","type":"error","error":@T@},
            {"id":"p5","type":"reasoning","text":@T@}]}],
         "pending_approvals":[{"action_request_id":"areq_1","type":"tool_approval","title":@T@,"reason":@T@,"tool_name":@T@,"server_label":@T@,
           "display_fields":[["To",@T@],[@T@,"value"]],"questions":null}]}}
        """;
        return Parse(json.Replace("@T@", t));
    }

    public static string Render(TranscriptFormat format, IEnumerable<Session> sessions, TranscriptWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (TranscriptWriter writer = TranscriptWriter.Create(format, stream, options))
        {
            foreach (Session session in sessions)
            {
                writer.WriteSession(TranscriptSession.FromSession(session));
            }

            writer.Complete();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Render(TranscriptFormat format, Session session, TranscriptWriterOptions? options = null) =>
        Render(format, new[] { session }, options);

    /// <summary>
    /// The demo's sessions: the simulator's seeded transcripts (a tool call; an approval pause with two asks; an
    /// empty session) and a three-turn conversation like the one Demo.ps1 holds, with a tool call in it.
    /// </summary>
    public static async Task<List<Session>> DemoSessionsAsync(SimClient sim)
    {
        var ct = CancellationToken.None;
        var sessions = new List<Session>();
        foreach (string id in new[] { "sess_Vk3nQ8wT2p", "sess_Hm5rZ1xJ7c", "sess_Pb9yE4uL6d" })
        {
            sessions.Add(await sim.Client.GetSessionAsync(id, ct));
        }

        Session demo = await sim.Client.CreateSessionAsync(SimClient.RenewalAgent, new CreateSessionRequest { Name = "Northwind renewal (demo)", Input = "Draft a renewal brief for Northwind Traders. sim:tool" }, ct);
        demo = await WaitAsync(sim, demo.Id!);
        foreach (string followUp in new[] { "Which risks should the account manager raise?", "Summarise that in two sentences." })
        {
            await sim.Client.SendMessageAsync(demo.Id!, new SendMessageRequest(followUp), ct);
            demo = await WaitAsync(sim, demo.Id!);
        }

        sessions.Add(demo);
        return sessions;
    }

    private static async Task<Session> WaitAsync(SimClient sim, string id)
    {
        for (int i = 0; i < 400; i++)
        {
            Session s = await sim.Client.GetSessionAsync(id, CancellationToken.None);
            if (s.State == "completed" || s.State == "idle" || s.State == "failed" || s.State == "approval_required")
            {
                return s;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The simulator did not finish the turn.");
    }

    /// <summary>A minimal RFC 4180 reader, enough to read back what the CSV writer wrote.</summary>
    public static List<List<string?>> ReadCsv(string text)
    {
        var rows = new List<List<string?>>();
        var row = new List<string?>();
        var cell = new StringBuilder();
        bool quoted = false;
        bool wasQuoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    row.Add(wasQuoted ? cell.ToString() : null);
                    cell.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(wasQuoted ? cell.ToString() : null);
                    cell.Clear();
                    wasQuoted = false;
                    rows.Add(row);
                    row = new List<string?>();
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        if (row.Count > 0 || cell.Length > 0)
        {
            row.Add(wasQuoted ? cell.ToString() : null);
            rows.Add(row);
        }

        return rows;
    }
}
