using System.Management.Automation;

namespace GumloopPS.Commands;

/// <summary>
/// Shared by New-GumloopSession and Send-GumloopMessage, which start a turn and either return the session
/// (optionally after -Wait) or, in the Stream set, show the reply as it is written.
/// </summary>
public abstract class GumloopStreamSetCmdlet : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
    public SwitchParameter Stream { get; set; }

    [Parameter(ParameterSetName = StreamSet)]
    public SwitchParameter StreamEvents { get; set; }

    [Parameter(ParameterSetName = StreamSet)]
    [ValidateRange(0, 100)]
    public int MaxResumeCount { get; set; } = 3;

    [Parameter(ParameterSetName = StreamSet)]
    [ValidateRange(1, 604800)]
    public int? StreamTimeoutSec { get; set; }

    private protected override int? StreamTimeout => StreamTimeoutSec;
}
