using System;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommon.Get, "GumloopModel")]
[OutputType(typeof(ModelInfo))]
public sealed class GetGumloopModelCommand : GumloopApiCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ModelIdCompleter))]
    public string? Id { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        var pattern = Id is null ? null : new WildcardPattern(Id, WildcardOptions.IgnoreCase);
        Run(async ct =>
        {
            try
            {
                int written = 0;
                foreach (var model in await Client.ListModelsAsync(TeamId, ct).ConfigureAwait(false))
                {
                    if (pattern is null || pattern.IsMatch(model.Id ?? string.Empty) || pattern.IsMatch(model.Name ?? string.Empty))
                    {
                        Emit(model);
                        written++;
                    }
                }

                // Like Get-Item: an exact id that matches nothing is an error; a wildcard that matches nothing is not.
                if (written == 0 && Id is not null && !WildcardPattern.ContainsWildcardCharacters(Id))
                {
                    EmitError(Errors.ErrorMap.Create(new ItemNotFoundException($"No model '{Id}' is available to this connection."),
                        Errors.ErrorMap.NotFound, ErrorCategory.ObjectNotFound, Id, "Get-GumloopModel without -Id lists the models you can use."));
                }
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, TeamId);
            }
        });
    }
}
