using System.Collections.Generic;
using System.Text.Json;

namespace GumloopPS.Core;

/// <summary>
/// What the service said about adding a user to, or removing one from, a workspace or a custom role
/// (<c>{ success, message }</c>), with the ids and email of the request, which the answer does not repeat.
/// </summary>
public abstract class MembershipChange : GumloopModel
{
    private static readonly HashSet<string> KnownNames = Known("success", "message");

    private protected override HashSet<string> KnownProperties => KnownNames;

    public string? OrganizationId { get; set; }

    /// <summary>The user added or removed.</summary>
    public string? Email { get; set; }

    /// <summary><c>add</c> or <c>remove</c>.</summary>
    public string? Action { get; set; }
    public bool Success { get; set; }
    public string? Message { get; set; }

    private protected void Read(JsonElement element)
    {
        SetRaw(element);
        Success = JsonRead.Bool(Raw, "success") ?? false;
        Message = JsonRead.String(Raw, "message");
    }

    public override string ToString() => Message ?? ((Action ?? string.Empty) + " " + (Email ?? string.Empty));
}

/// <summary>The answer to Add- or Remove-GumloopWorkspaceUser.</summary>
public sealed class WorkspaceUserChange : MembershipChange
{
    public string? WorkspaceId { get; set; }

    /// <summary>Whether the user was added as a workspace admin; null for a removal.</summary>
    public bool? IsAdmin { get; set; }

    public static WorkspaceUserChange FromJson(JsonElement element)
    {
        var change = new WorkspaceUserChange();
        change.Read(element);
        return change;
    }
}

/// <summary>The answer to Add- or Remove-GumloopRoleMember.</summary>
public sealed class RoleMemberChange : MembershipChange
{
    /// <summary>The custom role (the API's <c>group_id</c>).</summary>
    public string? RoleId { get; set; }

    public static RoleMemberChange FromJson(JsonElement element)
    {
        var change = new RoleMemberChange();
        change.Read(element);
        return change;
    }
}
