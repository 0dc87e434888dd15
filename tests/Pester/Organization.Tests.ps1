#Requires -Version 7.4
# Organization administration against the simulator: organizations, audit logs, workspace and role membership,
# role credit limits and data exports, with the runbook pipelines admins schedule.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator -ReplyDelayMs 5
    $connection = Get-GumloopConnection
    $orgId = 'org_7Hq2Lw9x'
    $workspace = 'tm_a93f0b42'

    function Get-Completion([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
    }

    function Get-Writes { @(Get-ApiLog | Where-Object Method -ne 'GET') }

    # A connection of an organization member who is not an admin.
    $memberKey = $sim.AddUser('usr_member01', 'Mia', 'Member')
    $member = New-GumloopConnection -ApiKey $memberKey -UserId 'usr_member01' -BaseUri $sim.BaseUri -StreamBaseUri $sim.StreamBaseUri

    $work = Join-Path ([IO.Path]::GetTempPath()) ("gl-org-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory $work
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}

Describe 'Find-GumloopCommand' {
    It 'names a typed cmdlet for <Path>' -ForEach @(
        @{ Method = 'GET'; Path = '/organizations'; Command = 'Get-GumloopOrganization' }
        @{ Method = 'GET'; Path = '/get_audit_logs'; Command = 'Get-GumloopAuditLog' }
        @{ Method = 'POST'; Path = '/manage_workspace_users'; Command = 'Add-GumloopWorkspaceUser' }
        @{ Method = 'POST'; Path = '/manage_permission_group_users'; Command = 'Add-GumloopRoleMember' }
        @{ Method = 'GET'; Path = '/organizations/{organization_id}/roles/credit-limits'; Command = 'Get-GumloopCreditLimit' }
        @{ Method = 'GET'; Path = '/organizations/{organization_id}/roles/{role_id}/credit-limit'; Command = 'Get-GumloopCreditLimit' }
        @{ Method = 'PUT'; Path = '/organizations/{organization_id}/roles/{role_id}/credit-limit'; Command = 'Set-GumloopCreditLimit' }
        @{ Method = 'POST'; Path = '/export_data'; Command = 'Export-GumloopData' }
        @{ Method = 'GET'; Path = '/export_status'; Command = 'Get-GumloopDataExport' }
    ) {
        $found = @(Find-GumloopCommand -Path $Path -Method $Method)
        $found.Count | Should -Be 1
        $found[0].Command | Should -BeExactly $Command
        Get-Command $Command -Module GumloopPS | Should -Not -BeNullOrEmpty
    }

    It 'finds the routes of Remove-GumloopWorkspaceUser and Remove-GumloopRoleMember' {
        (Find-GumloopCommand -Command Remove-GumloopWorkspaceUser).Path | Should -Contain '/manage_workspace_users'
        (Find-GumloopCommand -Command Remove-GumloopRoleMember).Path | Should -Contain '/manage_permission_group_users'
    }
}

Describe 'Get-GumloopOrganization' {
    It 'writes the caller''s organization' {
        $org = @(Get-GumloopOrganization)
        $org.Count | Should -Be 1
        $org[0] | Should -BeOfType ([GumloopPS.Core.Organization])
        $org[0].OrganizationId | Should -BeExactly $orgId
        $org[0].Name | Should -BeExactly 'Lumenfield Analytics'
    }
}

Describe 'Get-GumloopAuditLog' {
    It 'the runbook pipeline writes a week of logs over at least 5 pages to CSV, row by row' {
        $csv = Join-Path $work 'audit.csv'
        $sim.ClearRequestLog()
        Get-GumloopAuditLog -Start (Get-Date).AddDays(-7) -End (Get-Date) -All | Export-Csv $csv
        $pages = @(Get-Request GET '*/get_audit_logs')
        $pages.Count | Should -BeGreaterOrEqual 5
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -BeGreaterThan 400
        @($rows.EventId | Sort-Object -Unique).Count | Should -Be $rows.Count -Because 'no page is read twice'
        $rows[0].EventType | Should -Not -BeNullOrEmpty
        $rows[0].Timestamp | Should -Not -BeNullOrEmpty
        $rows[0].OrganizationId | Should -BeExactly $orgId
        (Get-Content $csv -Raw) | Should -Not -Match 'System\.|GumloopPS\.Core'
        # The admin is the connection's user and the range travels in UTC.
        $pages[0].Query | Should -Match "user_id=$($sim.UserId)"
        $pages[0].Query | Should -Match 'start_time=\d{4}-\d\d-\d\dT[\d%A:.]+Z'
    }

    It 'writes entries before the last page is read (memory stays flat)' {
        $sim.ClearRequestLog()
        $first = Get-GumloopAuditLog -Start (Get-Date).AddDays(-7) -End (Get-Date) -All | Select-Object -First 1
        $first | Should -BeOfType ([GumloopPS.Core.AuditLogEntry])
        @(Get-Request GET '*/get_audit_logs').Count | Should -BeLessOrEqual 2
    }

    It 'reads one page by default and warns that there are more' {
        $r = Invoke-Capture { Get-GumloopAuditLog -Start (Get-Date).AddDays(-7) -End (Get-Date) }
        $r.Output.Count | Should -Be 50
        $r.Warnings.Count | Should -Be 1
        $r.Warnings[0].Message | Should -Match '-All'
    }

    It 'filters by event type and user, and -First reads across pages' {
        $entries = @(Get-GumloopAuditLog -Start (Get-Date).AddDays(-7) -End (Get-Date) -EventType agent_created -UserId $sim.UserId -First 60)
        $entries.Count | Should -BeGreaterThan 0
        $entries | ForEach-Object { $_.EventType | Should -BeExactly 'agent_created'; $_.UserId | Should -BeExactly $sim.UserId }
        @(Get-GumloopAuditLog -Start (Get-Date).AddDays(-7) -End (Get-Date) -First 120).Count | Should -Be 120
    }

    It 'refuses End before Start and a range over 90 days locally: <Case>' -ForEach @(
        @{ Case = 'backwards'; Days = -1 }
        @{ Case = 'too long'; Days = 91 }
    ) {
        $sim.ClearRequestLog()
        $start = Get-Date
        $r = Invoke-Capture { Get-GumloopAuditLog -Start $start -End $start.AddDays($Days) }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidDateRange*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Errors[0].ErrorDetails.RecommendedAction | Should -Match '90 days'
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It 'a non-admin gets GumloopForbidden' {
        $r = Invoke-Capture { Get-GumloopAuditLog -Start (Get-Date).AddDays(-1) -End (Get-Date) -Connection $member }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopForbidden*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'takes the organization from the pipeline' {
        $sim.ClearRequestLog()
        $entries = @(Get-GumloopOrganization | Get-GumloopAuditLog -Start (Get-Date).AddDays(-1) -End (Get-Date) -First 2)
        $entries.Count | Should -Be 2
        @(Get-Request GET '*/organizations').Count | Should -Be 1 -Because 'the piped organization is not looked up again'
    }

    It 'tab completion offers the event types' {
        (Get-Completion 'Get-GumloopAuditLog -Start x -End y -EventType cred').CompletionText | Should -Contain 'credential_retrieval'
        (Get-Completion 'Get-GumloopAuditLog -Start x -End y -EventType role_').CompletionText | Should -Contain 'role_credit_limit_updated' -Because 'the types the organization reports are offered too'
    }
}

Describe 'Add- and Remove-GumloopWorkspaceUser' {
    It 'adds users from the pipeline and removes them again' {
        $added = @('lee.chen@lumenfield.io' | Add-GumloopWorkspaceUser -WorkspaceId $workspace -Admin)
        $added.Count | Should -Be 1
        $added[0] | Should -BeOfType ([GumloopPS.Core.WorkspaceUserChange])
        $added[0].Success | Should -BeTrue
        $added[0].IsAdmin | Should -BeTrue
        $added[0].WorkspaceId | Should -BeExactly $workspace
        $post = Get-Request POST '*/manage_workspace_users' | Select-Object -Last 1
        $body = $post.Body | ConvertFrom-Json
        $body.action | Should -BeExactly 'add'
        $body.is_admin | Should -BeTrue
        $body.organization_id | Should -BeExactly $orgId
        $body.user_id | Should -BeExactly $sim.UserId

        $added | Remove-GumloopWorkspaceUser -Confirm:$false | Should -BeNullOrEmpty
        ($added | Remove-GumloopWorkspaceUser -Confirm:$false -PassThru -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'reports success:false as GumloopRequestRejected naming the email' {
        $r = Invoke-Capture { Remove-GumloopWorkspaceUser -WorkspaceId $workspace -Email 'lee.chen@lumenfield.io' -Confirm:$false }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopRequestRejected*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $r.Errors[0].TargetObject | Should -BeExactly 'lee.chen@lumenfield.io'
        $r.Errors[0].Exception.Message | Should -Match 'not a member'
    }

    It 'Remove has ConfirmImpact High; -WhatIf sends nothing' {
        (Get-Command Remove-GumloopWorkspaceUser).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $sim.ClearRequestLog()
        Add-GumloopWorkspaceUser -WorkspaceId $workspace -Email 'dana.ruiz@lumenfield.io' -WhatIf
        Remove-GumloopWorkspaceUser -WorkspaceId $workspace -Email 'priya.raman@lumenfield.io' -WhatIf
        Get-Writes | Should -BeNullOrEmpty
    }
}

Describe 'Add- and Remove-GumloopRoleMember' {
    It 'adds a member through a piped role and removes it' {
        $role = Get-GumloopCreditLimit -RoleId 'role_9Gh2Jk'
        $before = $role.MemberCount
        $change = $role | Add-GumloopRoleMember -Email 'lee.chen@lumenfield.io'
        $change | Should -BeOfType ([GumloopPS.Core.RoleMemberChange])
        $change.RoleId | Should -BeExactly 'role_9Gh2Jk'
        (Get-GumloopCreditLimit -RoleId 'role_9Gh2Jk').MemberCount | Should -Be ($before + 1)
        ((Get-Request POST '*/manage_permission_group_users' | Select-Object -Last 1).Body | ConvertFrom-Json).group_id | Should -BeExactly 'role_9Gh2Jk'
        $removed = $change | Remove-GumloopRoleMember -Confirm:$false -PassThru
        $removed.Success | Should -BeTrue
        (Get-GumloopCreditLimit -RoleId 'role_9Gh2Jk').MemberCount | Should -Be $before
    }

    It 'an unknown role is GumloopNotFound; -WhatIf sends nothing' {
        $r = Invoke-Capture { Add-GumloopRoleMember -RoleId 'role_ghost' -Email 'lee.chen@lumenfield.io' }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $sim.ClearRequestLog()
        Add-GumloopRoleMember -RoleId 'role_9Gh2Jk' -Email 'lee.chen@lumenfield.io' -WhatIf
        Remove-GumloopRoleMember -RoleId 'role_9Gh2Jk' -Email 'lee.chen@lumenfield.io' -WhatIf
        Get-Writes | Should -BeNullOrEmpty
    }
}

Describe 'Get- and Set-GumloopCreditLimit' {
    It 'lists every role with -All, one page by default' {
        $all = @(Get-GumloopCreditLimit -All)
        $all.Count | Should -Be 5
        ($all | Where-Object RoleId -eq 'role_7Lm3Np').MonthlyCreditLimit | Should -BeNullOrEmpty
        $sim.ClearRequestLog()
        $r = Invoke-Capture { Get-GumloopCreditLimit -First 2 }
        $r.Output.Count | Should -Be 2
        $r.Warnings | Should -BeNullOrEmpty
        ($all | Export-Csv -Path (Join-Path $work 'roles.csv')) 
        (Get-Content (Join-Path $work 'roles.csv') -Raw) | Should -Not -Match 'System\.'
    }

    It 'sets and clears a limit; -Clear sends null' {
        $set = Set-GumloopCreditLimit -RoleId 'role_4Fz8Qp' -MonthlyLimit 3500 -PassThru
        $set.MonthlyCreditLimit | Should -Be 3500
        Get-GumloopCreditLimit -RoleId 'role_4Fz8Qp' | Set-GumloopCreditLimit -Clear -Confirm:$false | Should -BeNullOrEmpty
        $put = Get-Request PUT '*/credit-limit' | Select-Object -Last 1
        $put.Body | Should -Match '"monthly_credit_limit":null'
        (Get-GumloopCreditLimit -RoleId 'role_4Fz8Qp').MonthlyCreditLimit | Should -BeNullOrEmpty
    }

    It '-WhatIf shows the old and the new limit and sends no PUT' {
        $null = Set-GumloopCreditLimit -RoleId 'role_9Gh2Jk' -MonthlyLimit 1500
        $sim.ClearRequestLog()
        $run = Invoke-OnTextHost -Script 'Set-GumloopCreditLimit -RoleId role_9Gh2Jk -MonthlyLimit 2500 -Connection $Connection -WhatIf'
        $run.Errors | Should -BeNullOrEmpty
        $run.Written | Should -Match 'What if:.*from 1,500 credits to 2,500 credits'
        $run.Written | Should -Match 'Support \(role_9Gh2Jk\)'
        @(Get-Request GET '*/roles/role_9Gh2Jk/credit-limit').Count | Should -Be 1 -Because 'the old limit is read for the prompt'
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'an unknown role is GumloopNotFound and nothing is changed' {
        $sim.ClearRequestLog()
        $r = Invoke-Capture { Set-GumloopCreditLimit -RoleId 'role_ghost' -MonthlyLimit 1 -Confirm:$false }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $r.Errors[0].TargetObject | Should -BeExactly 'role_ghost'
        Get-Writes | Should -BeNullOrEmpty
    }
}

Describe 'Export-GumloopData and Get-GumloopDataExport' {
    It 'the runbook pipeline waits for a credit-log export and streams the CSV to a file' {
        $csv = Join-Path $work 'credits.csv'
        $sim.ClearRequestLog()
        $file = Export-GumloopData -DataType credit_logs -Start (Get-Date).AddDays(-30) -End (Get-Date) -Wait -OutFile $csv
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be (Get-Item $csv).FullName
        $rows = @(Import-Csv $csv)
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].PSObject.Properties.Name | Should -Contain 'amount'
        $rows[0].PSObject.Properties.Name | Should -Not -Contain 'correlation_id' -Because 'off-by-default fields are not sent unless named'
        @(Get-Request GET '*/export_status').Count | Should -Be 3 -Because 'two polls, then the download'
        $start = (Get-Request POST '*/export_data')[0].Body | ConvertFrom-Json
        $start.data_type | Should -BeExactly 'credit_logs'
        $start.user_id | Should -BeExactly $sim.UserId
    }

    It 'writes the rows as objects without -OutFile, keeping quoted commas' {
        $rows = @(Export-GumloopData -DataType agent_interactions -Start (Get-Date).AddDays(-7) -End (Get-Date) -Field interaction_id, agent_name, credit_cost -Wait)
        $rows.Count | Should -Be 3
        $rows[0].PSObject.TypeNames[0] | Should -BeExactly 'GumloopPS.DataExportRow'
        @($rows[0].PSObject.Properties.Name) | Should -Be @('interaction_id', 'agent_name', 'credit_cost')
        $rows[0].agent_name | Should -BeExactly 'Renewal desk assistant, "v2"'
    }

    It 'without -Wait writes the started export, which Get-GumloopDataExport follows and then saves' {
        $export = Export-GumloopData -DataType agents -Start (Get-Date).AddDays(-7) -End (Get-Date)
        $export | Should -BeOfType ([GumloopPS.Core.DataExport])
        $export.State | Should -BeExactly 'REQUESTED'
        ($export | Get-GumloopDataExport).State | Should -BeExactly 'IN_PROGRESS'
        ($export | Get-GumloopDataExport).State | Should -BeExactly 'COMPLETED'
        $file = $export | Get-GumloopDataExport -OutFile $work
        $file.Name | Should -BeExactly "$($export.ExportId).csv"
        (Get-Content $file.FullName -First 1) | Should -Match '^agent_id,'
    }

    It 'asking for the CSV of an unfinished export is GumloopDataExportNotReady' {
        $export = Export-GumloopData -DataType agents -Start (Get-Date).AddDays(-7) -End (Get-Date)
        $r = Invoke-Capture { $export | Get-GumloopDataExport -OutFile (Join-Path $work 'early.csv') }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopDataExportNotReady*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        Test-Path (Join-Path $work 'early.csv') | Should -BeFalse
    }

    It 'an export that fails is GumloopDataExportFailed' {
        $r = Invoke-Capture { Export-GumloopData -DataType credit_logs -Start (Get-Date).AddDays(-7) -End (Get-Date) -Category 'sim:fail' -Wait }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopDataExportFailed*'
        $r.Errors[0].TargetObject | Should -BeOfType ([GumloopPS.Core.DataExport])
    }

    It 'refuses an unknown field or a category off credit_logs before sending: <Case>' -ForEach @(
        @{ Case = 'field'; Splat = @{ DataType = 'agents'; Field = 'run_id' } }
        @{ Case = 'category'; Splat = @{ DataType = 'agents'; Category = 'AGENT_RUN' } }
        @{ Case = 'gumstack without fields'; Splat = @{ DataType = 'gumstack' } }
    ) {
        $sim.ClearRequestLog()
        $r = Invoke-Capture { Export-GumloopData @Splat -Start (Get-Date).AddDays(-7) -End (Get-Date) -Wait }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidExportField*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-ApiLog | Should -BeNullOrEmpty
    }

    It '-WhatIf starts nothing' {
        $sim.ClearRequestLog()
        Export-GumloopData -DataType credit_logs -Start (Get-Date).AddDays(-7) -End (Get-Date) -OutFile (Join-Path $work 'never.csv') -WhatIf
        Get-ApiLog | Should -BeNullOrEmpty
        Test-Path (Join-Path $work 'never.csv') | Should -BeFalse
    }

    It 'tab completion offers the fields of the data type and the credit-log categories' {
        $fields = (Get-Completion 'Export-GumloopData -DataType credit_logs -Field ').CompletionText
        $fields | Should -Contain 'amount'
        $fields | Should -Not -Contain 'agent_name'
        (Get-Completion 'Export-GumloopData -DataType agents -Field agent_m').CompletionText | Should -Contain 'agent_model'
        (Get-Completion 'Export-GumloopData -DataType credit_logs -Category AG').CompletionText | Should -Contain 'AGENT_RUN'
    }

    It 'a non-admin gets GumloopForbidden' {
        $r = Invoke-Capture { Export-GumloopData -DataType credit_logs -Start (Get-Date).AddDays(-7) -End (Get-Date) -Connection $member }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopForbidden*'
    }
}

Describe 'Table views of the organization types at 80 and 120 columns' {
    BeforeAll {
        $tableSamples = @{
            Organization        = Get-GumloopOrganization
            AuditLogEntry       = Get-GumloopAuditLog -Start (Get-Date).AddDays(-1) -End (Get-Date) -First 1
            WorkspaceUserChange = Add-GumloopWorkspaceUser -WorkspaceId 'tm_5c2d8e17' -Email 'dana.ruiz@lumenfield.io'
            RoleMemberChange    = Add-GumloopRoleMember -RoleId 'role_7Lm3Np' -Email 'dana.ruiz@lumenfield.io'
            RoleCreditLimit     = Get-GumloopCreditLimit -RoleId 'role_4Fz8Qp'
            DataExport          = Export-GumloopData -DataType interaction_evaluations -Start (Get-Date).AddDays(-1) -End (Get-Date)
        }
    }

    It '<_> keeps its header on one line, each column name whole' -ForEach @('Organization', 'AuditLogEntry', 'WorkspaceUserChange', 'RoleMemberChange', 'RoleCreditLimit', 'DataExport') {
        $object = $tableSamples[$_]
        $labels = @((Get-FormatData -TypeName $object.GetType().FullName).FormatViewDefinition |
            Where-Object { $_.Control -is [System.Management.Automation.TableControl] } | Select-Object -First 1 | ForEach-Object { $_.Control.Headers.Label })
        foreach ($width in 80, 120) {
            $lines = @(($object | Format-Table | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() })
            $lines[1] | Should -Match '^[\s-]+$' -Because "the $_ header wraps at $width columns"
            foreach ($label in $labels) { $lines[0] | Should -Match "\b$([regex]::Escape($label))\b" -Because "$label is dropped at $width columns" }
        }
    }
}
