@{
    Synopsis    = 'Reads JSON Lines transcripts back into Message objects, offline.'
    Description = @'
Import-GumloopTranscript reads files written by Export-GumloopTranscript -Format Jsonl and writes one Message object per line, the same type that Get-GumloopMessage outputs, with the same Id, SessionId, AgentId, Role, Content, Text, AuthorName, CreatedAt, CreatorId and Parts. It needs no connection and sends no request, so transcripts can be filtered, searched and re-exported offline.

Files are read one line at a time, so memory use does not grow with the file. Blank lines are skipped. A line that is not a JSON object is a non-terminating GumloopInvalidTranscript error whose TargetObject is "<path>:<line>", and the remaining lines are still read. A missing file is a GumloopFileNotFound error.
'@
    Parameters  = @{
        Path        = 'Paths of Jsonl transcripts; wildcards are expanded. Binds from piped strings and from the Path property of piped objects.'
        LiteralPath = 'Paths of Jsonl transcripts, used exactly as written (no wildcards). Binds from the PSPath property of piped files, for example from Get-ChildItem. Aliases: PSPath, LP.'
    }
    Examples    = @(
        @{
            Title   = 'Export the assistant''s answers from a saved transcript'
            Code    = "Import-GumloopTranscript ./all.jsonl | Where-Object Role -eq 'assistant' | Export-Csv answers.csv"
            Remarks = 'Works offline: the messages come from the file.'
        }
        @{
            Title   = 'Search every transcript in a folder'
            Code    = "Get-ChildItem ./transcripts -Filter *.jsonl | Import-GumloopTranscript | Where-Object Text -match 'refund' | Format-Table SessionId, CreatedAt, AuthorName, Text"
            Remarks = 'Piped files bind to -LiteralPath by their PSPath.'
        }
        @{
            Title   = 'Turn a saved transcript into a readable page'
            Code    = @'
Import-GumloopTranscript ./all.jsonl | Group-Object SessionId | ForEach-Object { $_.Group | Select-Object -First 1 } |
    Format-Table SessionId, AuthorName, CreatedAt
'@
            Remarks = 'Messages carry their SessionId, AgentId and AuthorName, so they can be grouped and summarised like live ones.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.Message' = 'One object per line, in file order.'
    }
    Links       = @('Export-GumloopTranscript', 'Get-GumloopMessage')
}
