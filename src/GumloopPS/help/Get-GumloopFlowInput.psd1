@{
    Synopsis    = 'Gets the inputs that a Gumloop flow takes.'
    Description = @'
Get-GumloopFlowInput reads the input schema of each flow (GET /get_inputs) and writes one object per input: its Name, its DataType (string, or file for an input that takes the name of an uploaded file) and its Description.

Start-GumloopFlow checks -Inputs against this same list before it starts a run, so these are the names it accepts. Input names are case-sensitive.

A flow id that does not exist writes a non-terminating GumloopNotFound error whose TargetObject is the id; the other flows are still read.
'@
    Parameters  = @{
        FlowId = 'One or more flow ids (saved item ids). Binds from strings in the pipeline and from the FlowId or SavedItemId property of piped objects, such as flows from Get-GumloopFlow. Alias: SavedItemId.'
    }
    Examples    = @(
        @{
            Title   = 'Show the inputs of a flow'
            Code    = "Get-GumloopFlowInput -FlowId 'fL4nT8wQ2xVd7kRb'"
            Remarks = 'Lists each input with its type and description.'
        }
        @{
            Title   = 'Build the -Inputs hashtable from the schema'
            Code    = @'
$inputs = @{}
Get-GumloopFlow -Name 'Churn*' | Get-GumloopFlowInput | ForEach-Object { $inputs[$_.Name] = Read-Host $_.Description }
Get-GumloopFlow -Name 'Churn*' | Start-GumloopFlow -Inputs $inputs -Wait
'@
            Remarks = 'Prompts for each input the flow declares, then runs the flow with the answers.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.FlowInput' = 'One object per input: FlowId, Name, DataType and Description.'
    }
    Links       = @('Start-GumloopFlow', 'Get-GumloopFlow')
}
