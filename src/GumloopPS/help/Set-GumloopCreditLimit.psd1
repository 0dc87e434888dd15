@{
    Synopsis    = 'Sets or clears the monthly credit limit of a Gumloop custom role.'
    Description = @'
Set-GumloopCreditLimit sets the monthly credit limit that a custom role gives each of its members (PUT /organizations/{organization_id}/roles/{role_id}/credit-limit). -Clear sends null instead, so the role sets no limit of its own and its members fall back to the organization default. The change takes effect at once and keeps the credits already used this month; the service records it in the audit log.

The cmdlet reads the role's current limit first, so the -WhatIf and -Confirm prompt shows the old and the new limit, for example "from 2,000 credits to 3,500 credits". With -WhatIf only that read is sent. It writes nothing unless -PassThru is given. ConfirmImpact Medium.
'@
    Parameters  = @{
        RoleId         = 'The custom roles to change. Binds by property name, so roles from Get-GumloopCreditLimit can be piped in. Alias: GroupId.'
        MonthlyLimit   = 'The monthly credit limit per member, 0 to 1,000,000,000.'
        Clear          = 'Clears the role''s limit (sends null): its members get the organization default.'
        OrganizationId = 'The organization the role belongs to. By default the caller''s only organization; binds by property name.'
        PassThru       = 'Writes the role with its new limit.'
    }
    Examples    = @(
        @{
            Title   = 'Cap contractors at 3,500 credits a month'
            Code    = "Set-GumloopCreditLimit -RoleId 'role_4Fz8Qp' -MonthlyLimit 3500 -PassThru"
            Remarks = 'Writes the role with its new limit.'
        }
        @{
            Title   = 'Preview clearing every role''s limit'
            Code    = 'Get-GumloopCreditLimit -All | Set-GumloopCreditLimit -Clear -WhatIf'
            Remarks = 'Shows each role''s current limit and what it would become; nothing is changed.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.RoleCreditLimit' = 'With -PassThru, the role with its new limit. Otherwise nothing.'
    }
    Links       = @('Get-GumloopCreditLimit')
}
