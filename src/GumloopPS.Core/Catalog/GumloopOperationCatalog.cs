using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core.Catalog;

/// <summary>Which of Gumloop's hosts serves an operation.</summary>
public enum ApiHost
{
    /// <summary>The REST base, api.gumloop.com/api/v1.</summary>
    Api,

    /// <summary>The streaming host, ws.gumloop.com/api/v1: streamed runs and chat completions.</summary>
    Stream,

    /// <summary>The root of api.gumloop.com, outside the REST base: OAuth.</summary>
    Root,
}

/// <summary>How a list operation pages (API.md section 5).</summary>
public enum PagingStyle
{
    /// <summary>Not a list, or a list returned whole.</summary>
    None,

    /// <summary><c>page_size</c> and an opaque <c>cursor</c>, answered with <c>next_cursor</c>.</summary>
    Cursor,

    /// <summary><c>page</c> and <c>page_size</c>, numbered from 1.</summary>
    PageNumber,
}

/// <summary>One operation of the Gumloop API and the command that covers it.</summary>
public sealed class GumloopOperation
{
    public GumloopOperation(int number, string operationId, string method, string path, ApiHost host, PagingStyle paging,
        GumloopRequestKind retryKind, string command, bool documented, string? remarks = null)
    {
        Number = number;
        OperationId = operationId;
        Method = method;
        Path = path;
        Host = host;
        Paging = paging;
        RetryKind = retryKind;
        Command = command;
        IsInOpenApi = documented;
        Remarks = remarks;
    }

    /// <summary>The operation's place in the catalogue, 1 to 102.</summary>
    public int Number { get; }

    /// <summary>openapi.json's operationId, or a name in the same style for the operations it leaves out.</summary>
    public string OperationId { get; }

    public string Method { get; }

    /// <summary>The path template below the host's base, with <c>{placeholders}</c>.</summary>
    public string Path { get; }

    public ApiHost Host { get; }
    public PagingStyle Paging { get; }

    /// <summary>What a retry may do: repeat it, never repeat it (it spends credits), or repeat it only when unsent.</summary>
    public GumloopRequestKind RetryKind { get; }

    /// <summary>The typed command that covers it, <c>Invoke-GumloopApi</c> where none does yet, or empty when no command can.</summary>
    public string Command { get; }

    /// <summary>False for the operations that Gumloop's openapi.json leaves out (OAuth, legacy, streaming variants, skill sync).</summary>
    public bool IsInOpenApi { get; }

    /// <summary>Other commands that use it, or why it is covered the way it is.</summary>
    public string? Remarks { get; }

    /// <summary>True when <paramref name="path"/> (a template, or a path with concrete ids, without query) names this operation's path.</summary>
    public bool MatchesPath(string path)
    {
        if (path == null) return false;
        int query = path.IndexOf('?');
        if (query >= 0) path = path.Substring(0, query);
        string[] want = Path.Trim('/').Split('/');
        string[] got = path.Trim('/').Split('/');
        if (want.Length != got.Length) return false;
        for (int i = 0; i < want.Length; i++)
        {
            bool placeholder = want[i].StartsWith("{", StringComparison.Ordinal) && want[i].EndsWith("}", StringComparison.Ordinal);
            if (placeholder ? got[i].Length == 0 : !string.Equals(want[i], got[i], StringComparison.OrdinalIgnoreCase)) return false;
        }

        return true;
    }

    public override string ToString() => Method + " " + Path;
}

/// <summary>
/// Every operation of the Gumloop API: the 91 of openapi.json plus the 11 that API.md documents beside it. Tests
/// check it against openapi.json, the README's coverage table, the manifest's exports and the simulator's routes,
/// so none of them can drift from it.
/// </summary>
public static class GumloopOperationCatalog
{
    private static readonly GumloopOperation[] Operations =
    {
        new(1, "oauthRegister", "POST", "/oauth/register", ApiHost.Root, PagingStyle.None, GumloopRequestKind.Other, "Register-GumloopOAuthClient", documented: false, remarks: "dynamic registration, for organisations allowed it"),
        new(2, "oauthAuthorize", "GET", "/oauth/authorize", ApiHost.Root, PagingStyle.None, GumloopRequestKind.Idempotent, "Connect-Gumloop", documented: false, remarks: "Connect-Gumloop -Interactive opens it in the browser"),
        new(3, "oauthToken", "POST", "/oauth/token", ApiHost.Root, PagingStyle.None, GumloopRequestKind.Other, "Connect-Gumloop", documented: false, remarks: "Connect-Gumloop -Interactive exchanges the code; the connection renews its token with it"),
        new(4, "oauthRevoke", "POST", "/oauth/revoke", ApiHost.Root, PagingStyle.None, GumloopRequestKind.Other, "Disconnect-Gumloop", documented: false, remarks: "Disconnect-Gumloop revokes an -Interactive sign-in"),
        new(5, "startFlow", "POST", "/start_pipeline", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Start-GumloopFlow", documented: true),
        new(6, "killPipeline", "POST", "/kill_pipeline", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Stop-GumloopFlowRun", documented: true),
        new(7, "getAutomationRun", "GET", "/get_pl_run", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopFlowRun", documented: true, remarks: "Get-GumloopFlowRun, Wait-GumloopFlowRun, Start-GumloopFlow -Wait"),
        new(8, "listWorkbooks", "GET", "/list_workbooks", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopWorkbook", documented: true, remarks: "Get-GumloopWorkbook, Get-GumloopFlow"),
        new(9, "listSavedAutomations", "GET", "/list_saved_items", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopFlow", documented: true),
        new(10, "getInputs", "GET", "/get_inputs", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopFlowInput", documented: true, remarks: "Get-GumloopFlowInput, Start-GumloopFlow (input check)"),
        new(11, "getAutomationRunHistory", "GET", "/get_plrun_saved_item_map", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopFlowRun", documented: true, remarks: "Get-GumloopFlowRun -History"),
        new(12, "downloadFile", "POST", "/download_file", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Save-GumloopFlowFile", documented: true),
        new(13, "downloadFiles", "POST", "/download_files", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Save-GumloopFlowFile", documented: true, remarks: "Save-GumloopFlowFile (several names, -Expand)"),
        new(14, "uploadFile", "POST", "/upload_file", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Add-GumloopFlowFile", documented: true, remarks: "Add-GumloopFlowFile with one file; the stored name is the value of a file input of Start-GumloopFlow"),
        new(15, "uploadFiles", "POST", "/upload_files", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Add-GumloopFlowFile", documented: true, remarks: "Add-GumloopFlowFile with several files"),
        new(16, "startAgent", "POST", "/start_agent", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Invoke-GumloopApi", documented: false, remarks: "legacy; the sessions API replaces it"),
        new(17, "getAgentStatus", "GET", "/agent_status/{interaction_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Invoke-GumloopApi", documented: false, remarks: "legacy; the sessions API replaces it"),
        new(18, "listAgents", "GET", "/agents", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopAgent", documented: true),
        new(19, "createAgent", "POST", "/agents", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "New-GumloopAgent", documented: true),
        new(20, "retrieveAgent", "GET", "/agents/{agent_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopAgent", documented: true, remarks: "Get-GumloopAgent -AgentId"),
        new(21, "updateAgent", "PATCH", "/agents/{agent_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Set-GumloopAgent", documented: true, remarks: "Set-GumloopAgent; Remove-GumloopAgent retires an agent (is_active:false)"),
        new(22, "listAgentVersions", "GET", "/agents/{agent_id}/versions", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopAgentVersion", documented: true),
        new(23, "retrieveAgentVersion", "GET", "/agents/{agent_id}/versions/{version_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopAgentVersion", documented: true, remarks: "Get-GumloopAgentVersion -VersionId"),
        new(24, "updateAgentSkills", "PATCH", "/agents/{agent_id}/skills", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Add-GumloopAgentSkill", documented: true, remarks: "Add-GumloopAgentSkill, Remove-GumloopAgentSkill"),
        new(25, "listAgentMcpServers", "GET", "/agents/{agent_id}/mcp-servers", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopAgentMcpServer", documented: true),
        new(26, "attachAgentMcpServer", "PUT", "/agents/{agent_id}/mcp-servers/{server_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Add-GumloopAgentMcpServer", documented: true),
        new(27, "detachAgentMcpServer", "DELETE", "/agents/{agent_id}/mcp-servers/{server_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Remove-GumloopAgentMcpServer", documented: true),
        new(28, "listModels", "GET", "/models", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopModel", documented: true, remarks: "Get-GumloopModel (Connect-Gumloop -Validate calls it to check the credentials)"),
        new(29, "routeModel", "POST", "/models/route", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Resolve-GumloopModel", documented: true),
        new(30, "createChatCompletion", "POST", "/chat/completions", ApiHost.Stream, PagingStyle.None, GumloopRequestKind.MessageCreating, "Invoke-GumloopChatCompletion", documented: true, remarks: "Invoke-GumloopChatCompletion, -Stream for the streamed form"),
        new(31, "listSessions", "GET", "/agents/{agent_id}/sessions", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopSession", documented: true, remarks: "Get-GumloopSession -AgentId"),
        new(32, "createSession", "POST", "/agents/{agent_id}/sessions", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "New-GumloopSession", documented: true),
        new(33, "createSessionStream", "POST", "/agents/{agent_id}/sessions", ApiHost.Stream, PagingStyle.None, GumloopRequestKind.MessageCreating, "New-GumloopSession", documented: false, remarks: "New-GumloopSession -Stream, Invoke-GumloopApi -Stream"),
        new(34, "retrieveSession", "GET", "/sessions/{session_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopSession", documented: true, remarks: "Get-GumloopSession -SessionId, Get-GumloopMessage, Wait-GumloopSession, Get-GumloopApproval, Export-GumloopTranscript"),
        new(35, "resumeSessionStream", "GET", "/sessions/{session_id}", ApiHost.Stream, PagingStyle.None, GumloopRequestKind.Idempotent, "Receive-GumloopSessionStream", documented: false, remarks: "Receive-GumloopSessionStream, Invoke-GumloopApi -Stream"),
        new(36, "renameSession", "PATCH", "/sessions/{session_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Rename-GumloopSession", documented: true),
        new(37, "sendMessage", "POST", "/sessions/{session_id}/messages", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Send-GumloopMessage", documented: true),
        new(38, "sendMessageStream", "POST", "/sessions/{session_id}/messages", ApiHost.Stream, PagingStyle.None, GumloopRequestKind.MessageCreating, "Send-GumloopMessage", documented: false, remarks: "Send-GumloopMessage -Stream, Invoke-GumloopApi -Stream"),
        new(39, "cancelSession", "POST", "/sessions/{session_id}/cancel", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Stop-GumloopSession", documented: true),
        new(40, "uploadSessionFile", "POST", "/sessions/{session_id}/files", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Add-GumloopSessionFile", documented: true, remarks: "Add-GumloopSessionFile, Send-GumloopMessage -Attachment"),
        new(41, "resolveSessionApprovals", "POST", "/sessions/{session_id}/approvals", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Approve-GumloopApproval", documented: true, remarks: "Approve-GumloopApproval, Deny-GumloopApproval"),
        new(42, "listQueuedMessages", "GET", "/sessions/{session_id}/queue", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopQueuedMessage", documented: true),
        new(43, "queueSessionMessage", "POST", "/sessions/{session_id}/queue", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Add-GumloopQueuedMessage", documented: true, remarks: "Add-GumloopQueuedMessage, Send-GumloopMessage -WhenBusy Queue"),
        new(44, "updateQueuedMessage", "PATCH", "/sessions/{session_id}/queue/{queued_message_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Set-GumloopQueuedMessage", documented: true),
        new(45, "deleteQueuedMessage", "DELETE", "/sessions/{session_id}/queue/{queued_message_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Remove-GumloopQueuedMessage", documented: true),
        new(46, "sendQueuedMessage", "POST", "/sessions/{session_id}/queue/{queued_message_id}/send", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Send-GumloopQueuedMessage", documented: true),
        new(47, "listMcpServers", "GET", "/mcp/servers", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopMcpServer", documented: true),
        new(48, "retrieveMcpServer", "GET", "/mcp/servers/{server_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopMcpServer", documented: true),
        new(49, "listMcpServerTools", "GET", "/mcp/servers/{server_id}/tools", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopMcpTool", documented: true),
        new(50, "listMcpServerResources", "GET", "/mcp/servers/{server_id}/resources", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopMcpResource", documented: true),
        new(51, "readMcpServerResource", "GET", "/mcp/servers/{server_id}/resources/read", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopMcpResource", documented: true),
        new(52, "listMcpServerPrompts", "GET", "/mcp/servers/{server_id}/prompts", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopMcpPrompt", documented: true),
        new(53, "getMcpServerPrompt", "POST", "/mcp/servers/{server_id}/prompts/get", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopMcpPrompt", documented: true),
        new(54, "callMcpTools", "POST", "/mcp/tools/call", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Invoke-GumloopMcpTool", documented: true),
        new(55, "searchBrain", "POST", "/brain/search", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Search-GumloopBrain", documented: true),
        new(56, "listBrainSources", "GET", "/brain/sources", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopBrainSource", documented: true, remarks: "completes -SourceId of the Brain cmdlets"),
        new(57, "createBrainSource", "POST", "/brain/sources", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "New-GumloopBrainSource", documented: true),
        new(58, "getBrainSource", "GET", "/brain/sources/{source_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopBrainSource", documented: true, remarks: "Get-GumloopBrainSource -SourceId; Add-GumloopBrainFile -Wait reads the status"),
        new(59, "deleteBrainSource", "DELETE", "/brain/sources/{source_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Remove-GumloopBrainSource", documented: true),
        new(60, "listBrainFiles", "GET", "/brain/sources/{source_id}/files", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopBrainFile", documented: true, remarks: "Get-GumloopBrainFile; Add-GumloopBrainFile -Wait polls it"),
        new(61, "uploadBrainFiles", "POST", "/brain/sources/{source_id}/files", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Add-GumloopBrainFile", documented: true, remarks: "multipart, 25 files per request"),
        new(62, "deleteBrainFile", "DELETE", "/brain/sources/{source_id}/files/{file_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Remove-GumloopBrainFile", documented: true),
        new(63, "getBrainSourceEstimate", "GET", "/brain/sources/{source_id}/estimate", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Measure-GumloopBrainSource", documented: true, remarks: "Measure-GumloopBrainSource; Approve-GumloopBrainSource shows it in its prompt"),
        new(64, "approveBrainSource", "POST", "/brain/sources/{source_id}/approve", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Approve-GumloopBrainSource", documented: true),
        new(65, "listSkills", "GET", "/skills", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopSkill", documented: true),
        new(66, "createSkill", "POST", "/skills", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "New-GumloopSkill", documented: true),
        new(67, "updateSkill", "PATCH", "/skills/{skill_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Set-GumloopSkill", documented: true),
        new(68, "deleteSkill", "DELETE", "/skills/{skill_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Remove-GumloopSkill", documented: true),
        new(69, "downloadSkill", "GET", "/skills/{skill_id}/download", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Save-GumloopSkill", documented: true),
        new(70, "planSkillSync", "POST", "/skills/sync/plan", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Invoke-GumloopApi", documented: false, remarks: "undocumented (only the official CLI's skill sync uses it, and its request and bundle format may change without notice); stays with Invoke-GumloopApi until Gumloop documents it"),
        new(71, "downloadSkillSync", "POST", "/skills/sync/download", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Invoke-GumloopApi", documented: false, remarks: "undocumented (only the official CLI's skill sync uses it, and its request and bundle format may change without notice); stays with Invoke-GumloopApi until Gumloop documents it"),
        new(72, "listArtifacts", "GET", "/agents/{agent_id}/artifacts", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopArtifact", documented: true),
        new(73, "downloadArtifact", "GET", "/artifacts/{artifact_id}/download", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Save-GumloopArtifact", documented: true, remarks: "Save-GumloopArtifact fetches the signed URL it returns without Gumloop credentials"),
        new(74, "listBrowserProfiles", "GET", "/browser-profiles", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopBrowserProfile", documented: true),
        new(75, "importBrowserProfileCookies", "POST", "/browser-profiles/{profile_id}/cookies", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Import-GumloopBrowserCookie", documented: true),
        new(76, "listTeams", "GET", "/teams", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopTeam", documented: true),
        new(77, "listEvaluations", "GET", "/agents/{agent_id}/evaluations", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopAgentEvaluation", documented: true),
        new(78, "runEvaluations", "POST", "/agents/{agent_id}/evaluations/run", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Start-GumloopAgentEvaluation", documented: true, remarks: "Start-GumloopAgentEvaluation (200 sessions per request; -DryRun plans, -Wait polls retrieveEvaluation)"),
        new(79, "getEvaluationMetrics", "GET", "/agents/{agent_id}/evaluations/metrics", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopAgentEvaluationMetric", documented: true),
        new(80, "retrieveEvaluation", "GET", "/agents/{agent_id}/evaluations/{evaluation_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopAgentEvaluation", documented: true, remarks: "Get-GumloopAgentEvaluation -EvaluationId, Start-GumloopAgentEvaluation -Wait"),
        new(81, "getEvaluationConfig", "GET", "/agents/{agent_id}/evaluation-config", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopAgentEvaluationConfig", documented: true, remarks: "Get-GumloopAgentEvaluationConfig, Set-GumloopAgentEvaluationConfig (reads the lists a change replaces)"),
        new(82, "updateEvaluationConfig", "PATCH", "/agents/{agent_id}/evaluation-config", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Set-GumloopAgentEvaluationConfig", documented: true),
        new(83, "listOrganizations", "GET", "/organizations", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopOrganization", documented: true),
        new(84, "getOrganizationAuditLogs", "GET", "/get_audit_logs", ApiHost.Api, PagingStyle.PageNumber, GumloopRequestKind.Idempotent, "Get-GumloopAuditLog", documented: true),
        new(85, "manageProjectUsers", "POST", "/manage_workspace_users", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Add-GumloopWorkspaceUser", documented: true, remarks: "Remove-GumloopWorkspaceUser (action remove)"),
        new(86, "managePermissionGroupUsers", "POST", "/manage_permission_group_users", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Add-GumloopRoleMember", documented: true, remarks: "Remove-GumloopRoleMember (action remove)"),
        new(87, "listRoleCreditLimits", "GET", "/organizations/{organization_id}/roles/credit-limits", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopCreditLimit", documented: true),
        new(88, "getRoleCreditLimit", "GET", "/organizations/{organization_id}/roles/{role_id}/credit-limit", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopCreditLimit", documented: true, remarks: "Get-GumloopCreditLimit -RoleId; Set-GumloopCreditLimit reads the old limit for its prompt"),
        new(89, "setRoleCreditLimit", "PUT", "/organizations/{organization_id}/roles/{role_id}/credit-limit", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Set-GumloopCreditLimit", documented: true),
        new(90, "exportData", "POST", "/export_data", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Export-GumloopData", documented: true),
        new(91, "exportStatus", "GET", "/export_status", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopDataExport", documented: true, remarks: "Export-GumloopData -Wait polls it and downloads the CSV"),
        new(92, "getEvaluationOptions", "GET", "/evaluation-options", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopEvaluationOption", documented: true),
        new(93, "listOrganizationEvaluations", "GET", "/evaluations", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopEvaluation", documented: true, remarks: "Get-GumloopEvaluation -OrganizationId"),
        new(94, "createOrganizationEvaluation", "POST", "/evaluations", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "New-GumloopEvaluation", documented: true),
        new(95, "getOrganizationEvaluation", "GET", "/evaluations/{evaluation_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopEvaluation", documented: true, remarks: "Get-GumloopEvaluation -EvaluationId, Set-GumloopEvaluation (reads the lists a change replaces)"),
        new(96, "updateOrganizationEvaluation", "PATCH", "/evaluations/{evaluation_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Other, "Set-GumloopEvaluation", documented: true),
        new(97, "deleteOrganizationEvaluation", "DELETE", "/evaluations/{evaluation_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Remove-GumloopEvaluation", documented: true),
        new(98, "setOrganizationEvaluationTargets", "PUT", "/evaluations/{evaluation_id}/targets", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Set-GumloopEvaluationTarget", documented: true),
        new(99, "runOrganizationEvaluation", "POST", "/evaluations/{evaluation_id}/run", ApiHost.Api, PagingStyle.None, GumloopRequestKind.MessageCreating, "Start-GumloopEvaluation", documented: true, remarks: "Start-GumloopEvaluation (200 sessions per request; -DryRun plans, -Wait polls the results)"),
        new(100, "listOrganizationEvaluationResults", "GET", "/evaluations/{evaluation_id}/results", ApiHost.Api, PagingStyle.Cursor, GumloopRequestKind.Idempotent, "Get-GumloopEvaluationResult", documented: true),
        new(101, "getOrganizationEvaluationResult", "GET", "/evaluations/{evaluation_id}/results/{result_id}", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopEvaluationResult", documented: true, remarks: "Get-GumloopEvaluationResult -ResultId, Start-GumloopEvaluation -Wait"),
        new(102, "getOrganizationEvaluationMetrics", "GET", "/evaluations/{evaluation_id}/metrics", ApiHost.Api, PagingStyle.None, GumloopRequestKind.Idempotent, "Get-GumloopEvaluationMetric", documented: true),
    };

    public static IReadOnlyList<GumloopOperation> All => Operations;

    /// <summary>The operations whose path matches <paramref name="path"/>, a template or a concrete path.</summary>
    public static IEnumerable<GumloopOperation> FindByPath(string path) => Operations.Where(o => o.MatchesPath(path));
}
