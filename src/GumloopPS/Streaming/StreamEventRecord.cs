using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS;

/// <summary>
/// The <see cref="StreamEvent"/> that -StreamEvents writes. It exists only to mark <see cref="RawJson"/> with
/// PowerShell's HiddenAttribute, which GumloopPS.Core cannot reference: Format-List *, Select-Object *,
/// Export-Csv and Get-Member then leave the raw JSON out, while $event.RawJson still reads it. Format views
/// select it through its base type name, GumloopPS.Core.StreamEvent.
/// </summary>
public sealed class StreamEventRecord : StreamEvent
{
    public StreamEventRecord(StreamEvent source)
        : base(source)
    {
    }

    public StreamEventRecord(StreamEvent source, string? toolName)
        : base(source, toolName)
    {
    }

    [Hidden]
    public override string? RawJson => base.RawJson;
}
