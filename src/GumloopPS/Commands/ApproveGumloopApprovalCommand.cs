using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsLifecycle.Approve, "GumloopApproval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(ApprovalOutcome), typeof(Session))]
public sealed class ApproveGumloopApprovalCommand : ApprovalCommandBase
{
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Response { get; set; }

    private protected override string Action => ApprovalResponse.Accept;

    private protected override string Verb => "Approve";

    private protected override ApprovalResponse? BuildResponse(string actionRequestId, PendingApproval? ask)
    {
        var response = new ApprovalResponse(actionRequestId, Action) { Reason = Reason };
        bool humanInput = string.Equals(ask?.Type, "human_input", StringComparison.Ordinal);

        // Answers belong to human_input asks only; a tool approval in the same pipeline is approved without them.
        // When the type is unknown the answers are sent and the API decides.
        if (ask?.Type is not null && !humanInput)
        {
            return response;
        }

        var questions = Questions(ask);
        if (Response is null)
        {
            if (humanInput && questions.Count > 0)
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException($"Ask {actionRequestId} of session {ask!.SessionId} asks a question; answer it with -Response @{{ {questions[0].Name} = '<answer>' }}. Questions: {Describe(questions)}. Nothing was sent for it."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, actionRequestId));
                return null;
            }

            return response;
        }

        JsonMap values;
        try
        {
            values = PSJson.ToPlainMap(Response, "-Response");
        }
        catch (ArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, actionRequestId)
            {
                ErrorDetails = new ErrorDetails(ex.Message + " Nothing was sent for it.") { RecommendedAction = "Pass plain answers, for example -Response @{ name = 'value' }." },
            });
            return null;
        }

        if (questions.Count > 0)
        {
            var unknown = values.Keys.Where(k => !questions.Any(q => string.Equals(q.Name, k, StringComparison.Ordinal))).ToList();
            if (unknown.Count > 0)
            {
                WriteError(new ErrorRecord(
                    new PSArgumentException($"-Response names {string.Join(", ", unknown.Select(u => "'" + u + "'"))}, which ask {actionRequestId} does not ask. Questions: {Describe(questions)}. Nothing was sent for it."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, actionRequestId));
                return null;
            }
        }

        response.Values = values;
        return response;
    }

    private static List<(string Name, string? Label, List<string> Options)> Questions(PendingApproval? ask)
    {
        var result = new List<(string, string?, List<string>)>();
        foreach (var item in ask?.Questions ?? new JsonList())
        {
            if (item is JsonMap question && question.TryGetValue("name", out var name) && name is string text)
            {
                var options = new List<string>();
                if (question.TryGetValue("options", out var list) && list is JsonList choices)
                {
                    foreach (var choice in choices)
                    {
                        var value = choice is JsonMap map && map.TryGetValue("value", out var v) ? v : choice;
                        if (value is not null)
                        {
                            options.Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                        }
                    }
                }

                result.Add((text, question.TryGetValue("label", out var label) ? label as string : null, options));
            }
        }

        return result;
    }

    private static string Describe(List<(string Name, string? Label, List<string> Options)> questions) =>
        string.Join("; ", questions.Select(q =>
            q.Name + (q.Label is null ? string.Empty : " (" + q.Label + ")") + (q.Options.Count > 0 ? ": " + string.Join(", ", q.Options) : string.Empty)));
}
