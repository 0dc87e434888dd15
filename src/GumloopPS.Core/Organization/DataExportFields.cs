using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>The data types of POST /export_data and the fields each exports (API.md section 10.15).</summary>
public static class DataExportFields
{
    public static readonly string[] DataTypes = { "workflows", "agents", "agent_interactions", "credit_logs", "interaction_evaluations", "gumstack" };

    private static readonly Dictionary<string, string[]> Fields = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["workflows"] = new[]
        {
            "workbook_id", "workbook_name", "workbook_created_ts", "user_id", "user_email", "workspace_id", "workspace_name",
            "run_id", "credit_cost", "pl_run_created_ts", "pl_run_finished_ts", "pipeline",
        },
        ["agents"] = new[]
        {
            "agent_id", "agent_name", "agent_description", "agent_model", "agent_system_prompt", "agent_created_ts", "agent_tools",
            "agent_metadata", "agent_evaluations_enabled", "creator_email", "workspace_id", "workspace_name", "folder_id", "folder_name",
        },
        ["agent_interactions"] = new[]
        {
            "interaction_id", "agent_id", "agent_name", "interaction_type", "interaction_name", "trigger_type", "interaction_created_ts",
            "user_email", "credit_cost", "llm_credit_cost", "tool_credit_cost", "flow_credit_cost", "message_count", "workspace_id", "workspace_name",
        },
        ["interaction_evaluations"] = new[]
        {
            "evaluation_id", "interaction_id", "agent_id", "organization_evaluation_id", "evaluation_created_ts", "status", "grade",
            "call_outcome", "sentiment", "error_code", "summary", "evaluation_model", "credit_cost", "user_email",
        },
        ["credit_logs"] = new[]
        {
            "user_email", "permission_group_id", "permission_group_name", "timestamp", "category", "type", "name", "amount", "balance",
            "log_id", "correlation_id", "balance_scope", "project_id",
        },
    };

    // The credit-log fields the service leaves out unless they are asked for.
    private static readonly HashSet<string> OffByDefault = new HashSet<string>(StringComparer.Ordinal)
    {
        "permission_group_id", "permission_group_name", "correlation_id", "balance_scope", "project_id",
    };

    /// <summary>Example categories of credit_logs' <c>category_filter</c>; the service takes others too.</summary>
    public static readonly string[] CreditLogCategories = { "PIPELINE_RUN", "AGENT_RUN", "CUSTOM_NODE_RD", "EXTERNAL_GUMCP_CALL" };

    /// <summary>The fields of <paramref name="dataType"/>; null when the API does not enumerate them (gumstack).</summary>
    public static IReadOnlyList<string>? For(string? dataType) =>
        dataType != null && Fields.TryGetValue(dataType, out string[]? fields) ? fields : null;

    /// <summary>The fields exported when none are named: every field, less those off by default.</summary>
    public static IReadOnlyList<string>? Default(string dataType) => For(dataType)?.Where(f => !OffByDefault.Contains(f)).ToList();

    /// <summary>
    /// The fields to send: the named ones (checked against the data type) or the defaults. Throws
    /// <see cref="GumloopOrganizationException"/> naming the fields the data type does not have.
    /// </summary>
    public static IReadOnlyList<string> Resolve(string dataType, IEnumerable<string>? requested)
    {
        if (!DataTypes.Contains(dataType, StringComparer.Ordinal))
        {
            throw new GumloopOrganizationException(OrganizationProblem.InvalidExportField,
                $"'{dataType}' is not a data type of the export; use one of {string.Join(", ", DataTypes)}. Nothing was sent.", dataType);
        }

        var named = (requested ?? Enumerable.Empty<string>()).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.Trim()).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<string>? known = For(dataType);
        if (named.Count == 0)
        {
            return Default(dataType) ?? throw new GumloopOrganizationException(OrganizationProblem.InvalidExportField,
                $"The API does not list the fields of {dataType} exports, so none can be chosen for you; name the fields to export. Nothing was sent.", dataType);
        }

        if (known != null)
        {
            var unknown = named.Where(f => !known.Contains(f, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                throw new GumloopOrganizationException(OrganizationProblem.InvalidExportField,
                    $"{dataType} exports have no field {string.Join(", ", unknown.Select(u => "'" + u + "'"))}. Their fields are: {string.Join(", ", known)}. Nothing was sent.",
                    unknown[0]);
            }
        }

        return named;
    }
}
