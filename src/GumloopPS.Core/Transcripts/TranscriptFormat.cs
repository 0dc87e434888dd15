namespace GumloopPS.Core;

/// <summary>The file formats a transcript can be exported to.</summary>
public enum TranscriptFormat
{
    /// <summary>One self-contained page: inline CSS, no script, no network fetch.</summary>
    Html,

    /// <summary>A heading per session and a quote block per turn, for pasting into tickets.</summary>
    Markdown,

    /// <summary>One JSON object per message, with the session's fields repeated; Import-GumloopTranscript reads it back.</summary>
    Jsonl,

    /// <summary>The same rows Export-Csv writes for messages, with formula-like cells escaped by default.</summary>
    Csv,
}

public static class TranscriptFormats
{
    /// <summary>The file extension, with its dot.</summary>
    public static string Extension(TranscriptFormat format) => format switch
    {
        TranscriptFormat.Html => ".html",
        TranscriptFormat.Markdown => ".md",
        TranscriptFormat.Jsonl => ".jsonl",
        _ => ".csv",
    };
}
