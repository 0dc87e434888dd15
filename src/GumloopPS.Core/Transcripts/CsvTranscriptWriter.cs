using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace GumloopPS.Core;

/// <summary>
/// The rows <c>Get-GumloopMessage | Export-Csv</c> writes: the same columns in the same order, every value
/// quoted, null as an empty unquoted cell, dates and numbers in the given culture. Optionally adds tool-call
/// columns, and by default escapes cells a spreadsheet would run as a formula.
/// </summary>
public sealed class CsvTranscriptWriter : TextTranscriptWriter
{
    /// <summary>The public properties of <see cref="Message"/>, in declaration order, which is Export-Csv's order.</summary>
    public static readonly IReadOnlyList<string> MessageColumns = new[]
    {
        "Id", "SessionId", "AgentId", "Role", "Content", "Text", "AuthorName", "CreatedAt", "CreatorId", "Parts",
    };

    public static readonly IReadOnlyList<string> ToolColumns = new[]
    {
        "ToolCallCount", "ToolNames", "ToolStates", "ToolArguments", "ToolResults", "ToolErrors",
    };

    /// <summary>Each argument or result summary is cut here: the columns summarise, the Jsonl format keeps all.</summary>
    public const int MaxToolValueChars = 1000;

    private readonly TranscriptWriterOptions _options;
    private readonly StringBuilder _row = new StringBuilder();
    private bool _headerWritten;

    public CsvTranscriptWriter(Stream stream, TranscriptWriterOptions? options = null)
        : base(stream)
    {
        _options = options ?? new TranscriptWriterOptions();
    }

    /// <summary>
    /// True for text a spreadsheet may treat as a formula or a DDE command: it starts with =, +, -, @, a tab or
    /// a carriage return.
    /// </summary>
    public static bool LooksLikeFormula(string value) =>
        value.Length > 0 && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' || value[0] == '\r');

    protected override int WriteSessionCore(TranscriptSession session, CancellationToken cancellationToken)
    {
        WriteHeader();
        int count = 0;
        foreach (Message message in session.Messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _row.Clear();
            Cell(message.Id);
            Cell(message.SessionId);
            Cell(message.AgentId);
            Cell(message.Role);
            Cell(message.Content);
            Cell(message.Text);
            Cell(message.AuthorName);
            Cell(message.CreatedAt?.ToString(_options.Culture));
            Cell(message.CreatorId);
            Cell(message.Parts.ToString());
            if (_options.IncludeToolDetail)
            {
                ToolCells(message);
            }

            _row.Length--; // the last separator
            _row.Append(_options.NewLine);
            Writer.Write(_row.ToString());
            count++;
        }

        return count;
    }

    protected override void CompleteCore()
    {
        // An export with no messages still gets its header, as Export-Csv of nothing gets none but a reader
        // of this file needs to know the columns.
        WriteHeader();
        base.CompleteCore();
    }

    private void WriteHeader()
    {
        if (_headerWritten)
        {
            return;
        }

        _headerWritten = true;
        _row.Clear();
        foreach (string column in MessageColumns)
        {
            Quoted(column);
        }

        if (_options.IncludeToolDetail)
        {
            foreach (string column in ToolColumns)
            {
                Quoted(column);
            }
        }

        _row.Length--;
        _row.Append(_options.NewLine);
        Writer.Write(_row.ToString());
    }

    private void ToolCells(Message message)
    {
        var names = new List<string>();
        var states = new List<string>();
        var args = new List<string>();
        var results = new List<string>();
        var errors = new List<string>();
        foreach (MessagePart part in message.Parts)
        {
            if (!TranscriptParts.IsToolCall(part))
            {
                continue;
            }

            string name = part.ToolName ?? part.ToolCallId ?? "tool";
            names.Add(name);
            TranscriptOutcome outcome = TranscriptParts.Outcome(part);
            states.Add(name + "=" + (part.ToolCallState ?? TranscriptParts.Describe(outcome)));
            if (TranscriptParts.TryGetArguments(part, out JsonElement a))
            {
                args.Add(name + ": " + Cut(TranscriptParts.Compact(a)));
            }

            if (TranscriptParts.TryGetResult(part, out JsonElement r))
            {
                results.Add(name + ": " + Cut(r.ValueKind == JsonValueKind.String ? r.GetString() ?? string.Empty : TranscriptParts.Compact(r)));
            }

            if (!string.IsNullOrEmpty(part.Error))
            {
                errors.Add(name + ": " + Cut(part.Error!));
            }
        }

        Cell(names.Count.ToString(_options.Culture));
        Cell(string.Join("; ", names));
        Cell(string.Join("; ", states));
        Cell(string.Join("\n", args));
        Cell(string.Join("\n", results));
        Cell(string.Join("\n", errors));
    }

    private static string Cut(string value) =>
        value.Length <= MaxToolValueChars ? value : value.Substring(0, MaxToolValueChars - 1) + "…";

    private void Cell(string? value)
    {
        if (value == null)
        {
            _row.Append(',');
            return;
        }

        Quoted(_options.EscapeFormulas && LooksLikeFormula(value) ? "'" + value : value);
    }

    private void Quoted(string value)
    {
        _row.Append('"');
        _row.Append(value.Replace("\"", "\"\""));
        _row.Append("\",");
    }
}
