using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

public sealed partial class SendGumloopMessageCommand
{
    [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
    public SwitchParameter Stream { get; set; }

    [Parameter(ParameterSetName = StreamSet)]
    public SwitchParameter StreamEvents { get; set; }

    [Parameter(ParameterSetName = StreamSet)]
    [ValidateRange(0, 100)]
    public int MaxResumeCount { get; set; } = 3;

    private void ProcessStream(string sessionId, SendMessageRequest request) =>
        RunStream(sessionId, StreamEvents, MaxResumeCount, sessionId,
            (onEvent, options, ct) => Client.StreamMessageAsync(sessionId, request, onEvent, options, ct));
}
