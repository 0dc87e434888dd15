using System;
using System.Linq;
using System.Management.Automation;

namespace GumloopPS.Internal;

/// <summary>
/// Refuses a piped GumloopPS object of a kind the cmdlet does not take, so its Id (through an "Id" alias) or its
/// name (through ToString) is never taken for the wrong kind of id. Sits on a hidden parameter that receives the
/// piped object itself; a refusal is a per-object binding error and later objects still run. Strings and other
/// objects (CSV rows, custom objects) pass, and bind by value or property name as before.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PipelineKindAttribute : ValidateArgumentsAttribute
{
    private readonly Type[] _accepted;
    private readonly string _takes;

    /// <param name="takes">What the cmdlet takes, for the message ("sessions or session ids").</param>
    public PipelineKindAttribute(string takes, params Type[] accepted)
    {
        _takes = takes;
        _accepted = accepted;
    }

    /// <summary>The object piped into the hidden parameter, unwrapped, when it is a <typeparamref name="T"/>; else null (an id or other value).</summary>
    public static T? Piped<T>(object? pipelineInput)
        where T : class => (pipelineInput is PSObject ps ? ps.BaseObject : pipelineInput) as T;

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics) => Check(arguments, engineIntrinsics);

    internal void Check(object? arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject ps ? ps.BaseObject : arguments;
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        bool ours = type.Namespace is { } ns && (ns == "GumloopPS.Core" || ns == "GumloopPS" || ns.StartsWith("GumloopPS.", StringComparison.Ordinal));
        if (!ours || _accepted.Any(a => a.IsAssignableFrom(type)))
        {
            return;
        }

        throw new ValidationMetadataException(
            $"This command takes {_takes}; a {type.Name} was piped in. {Hint(type.Name)}".TrimEnd());
    }

    private static string Hint(string kind) => kind switch
    {
        "Agent" => "Pipe agents to Get-GumloopSession first, for example Get-GumloopAgent | Get-GumloopSession | <command>.",
        "Workbook" => "Pipe workbooks to Get-GumloopFlow first, for example Get-GumloopWorkbook | Get-GumloopFlow | <command>.",
        _ => string.Empty,
    };
}

/// <summary>
/// On an id parameter of a cmdlet with typed object parameter sets, where a hidden PipelineInput parameter would
/// capture every piped object for the default set: refuses a GumloopPS object of the wrong kind before
/// PowerShell converts it to an id through its ToString(). Other values pass unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IdOfAttribute : ArgumentTransformationAttribute
{
    private readonly PipelineKindAttribute _check;

    public IdOfAttribute(string takes, params Type[] accepted)
    {
        _check = new PipelineKindAttribute(takes, accepted);
    }

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject ps ? ps.BaseObject : inputData;
        if (value is System.Collections.IEnumerable items and not string)
        {
            foreach (var item in items)
            {
                Check(item, engineIntrinsics);
            }
        }
        else
        {
            Check(value, engineIntrinsics);
        }

        return inputData;
    }

    private void Check(object? item, EngineIntrinsics engineIntrinsics)
    {
        try
        {
            _check.Check(item, engineIntrinsics);
        }
        catch (ValidationMetadataException ex)
        {
            throw new ArgumentTransformationMetadataException(ex.Message, ex);
        }
    }
}
