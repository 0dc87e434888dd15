using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

public sealed partial class NewGumloopSessionCommand
{
    [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
    public SwitchParameter Stream { get; set; }

    [Parameter(ParameterSetName = StreamSet)]
    public SwitchParameter StreamEvents { get; set; }

    [Parameter(ParameterSetName = StreamSet)]
    [ValidateRange(0, 100)]
    public int MaxResumeCount { get; set; } = 3;

    private void ProcessStream(string agentId, CreateSessionRequest request) =>
        RunStream(null, StreamEvents, MaxResumeCount, agentId,
            (onEvent, options, ct) => Client.StreamCreateSessionAsync(agentId, request, onEvent, options, ct));
}
