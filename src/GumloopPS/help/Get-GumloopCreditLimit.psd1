@{
    Synopsis    = 'Gets the monthly credit limits of Gumloop custom roles.'
    Description = @'
Get-GumloopCreditLimit lists the custom roles of the caller's organization with the monthly credit limit each gives its members (GET /organizations/{organization_id}/roles/credit-limits), or gets roles by id with -RoleId (GET .../roles/{role_id}/credit-limit).

A MonthlyCreditLimit of null means the role sets no limit of its own and its members get the organization default. The limit applies to each member individually; a user with several roles gets the highest of their limits.

The list pages: without -All or -First the cmdlet reads one page (20 roles) and warns when there are more. The caller must be an organization admin of an Enterprise organization.
'@
    Parameters  = @{
        RoleId         = 'Gets these roles only. Binds from the pipeline and by property name. Alias: GroupId.'
        OrganizationId = 'The organization whose roles are read. By default the caller''s only organization.'
        First          = 'Reads at most this many roles, across pages.'
        All            = 'Reads every page.'
    }
    Examples    = @(
        @{
            Title   = 'Roles without a limit of their own'
            Code    = 'Get-GumloopCreditLimit -All | Where-Object MonthlyCreditLimit -eq $null'
            Remarks = 'Lists the roles whose members get the organization default.'
        }
        @{
            Title   = 'One role'
            Code    = "Get-GumloopCreditLimit -RoleId 'role_4Fz8Qp'"
            Remarks = 'Writes the role with its limit and member count.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.RoleCreditLimit' = 'One object per role: RoleId, RoleName, IsDefault, MemberCount, MonthlyCreditLimit.'
    }
    Links       = @('Set-GumloopCreditLimit', 'Add-GumloopRoleMember')
}
