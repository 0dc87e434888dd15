using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>Checks flow inputs before a run starts, so a typo fails fast instead of running the flow without it.</summary>
public static class FlowInputRules
{
    private static readonly string[] Reserved =
    {
        "api_key", "saved_item_id", "user_id", "project_id", "openai_token", "action_id", "reuse_action", "trigger_id", "pipeline_inputs",
    };

    /// <summary>Body keys that the start call uses itself; an input with one of these names would be read as that parameter.</summary>
    public static IReadOnlyList<string> ReservedNames => Reserved;

    // Case-insensitive on purpose: refusing "User_Id" costs nothing, sending it to a backend that folds case could
    // act as someone else's id.
    public static bool IsReserved(string name) => Reserved.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Throws for the first reserved or empty name; needs no request.</summary>
    /// <exception cref="GumloopFlowInputException"/>
    public static void CheckReserved(string flowId, IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new GumloopFlowInputException(flowId, name ?? string.Empty, FlowInputProblem.Empty, Array.Empty<string>(),
                    "An input name is empty. Use the names of the flow's inputs.");
            }

            if (IsReserved(name))
            {
                throw new GumloopFlowInputException(flowId, name, FlowInputProblem.Reserved, Array.Empty<string>(),
                    $"'{name}' cannot be used as a flow input name: the start call uses it for its own parameters. Reserved names: {string.Join(", ", Reserved)}.");
            }
        }
    }

    /// <summary>Throws when a name is reserved or not one of the flow's inputs; the message lists the valid names.</summary>
    /// <exception cref="GumloopFlowInputException"/>
    public static void Validate(string flowId, IEnumerable<string> names, IReadOnlyList<FlowInput> schema)
    {
        if (schema == null)
        {
            throw new ArgumentNullException(nameof(schema));
        }

        var nameList = names.ToList();
        CheckReserved(flowId, nameList);
        var valid = schema.Select(i => i.Name).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!).ToList();
        foreach (string name in nameList)
        {
            // Input nodes are matched by exact name, so a case difference is a mistake worth pointing out.
            if (valid.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            string? caseMatch = valid.FirstOrDefault(v => string.Equals(v, name, StringComparison.OrdinalIgnoreCase));
            string hint = caseMatch != null ? $" Did you mean '{caseMatch}'? Input names are case-sensitive." : string.Empty;
            string list = valid.Count == 0 ? "The flow declares no inputs." : "Valid inputs: " + string.Join(", ", valid) + ".";
            throw new GumloopFlowInputException(flowId, name, FlowInputProblem.Unknown, valid,
                $"Flow '{flowId}' has no input named '{name}'.{hint} {list}");
        }
    }
}

public enum FlowInputProblem
{
    Unknown,
    Reserved,
    Empty,
}
