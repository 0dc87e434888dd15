#Requires -Version 7.4
# Find-GumloopCommand reads the operation catalogue: which command calls a route, and which routes a command calls.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
}

Describe 'Find-GumloopCommand' {
    It 'lists all 102 operations as typed objects' {
        $all = @(Find-GumloopCommand)
        $all.Count | Should -Be 102
        $all[0] | Should -BeOfType ([GumloopPS.Core.Catalog.GumloopOperation])
        ($all | Where-Object Path -eq '/agents/{agent_id}/sessions' | Where-Object Method -eq 'GET').Command | Should -Be 'Get-GumloopSession'
    }

    It 'filters by a template path and method' {
        $found = @(Find-GumloopCommand -Path '/skills/{skill_id}' -Method DELETE)
        $found.Count | Should -Be 1
        $found[0].OperationId | Should -Be 'deleteSkill'
    }

    It 'matches a concrete path, and a full URL with a query, to their templates' {
        $queue = @(Find-GumloopCommand -Path '/sessions/sess_123/queue')
        ($queue.OperationId | Sort-Object) | Should -Be @('listQueuedMessages', 'queueSessionMessage')
        $url = @(Find-GumloopCommand -Path 'https://api.gumloop.com/api/v1/sessions/sess_Vk3nQ8wT2p/queue?x=1' -Method POST)
        $url.Command | Should -Be 'Add-GumloopQueuedMessage'
    }

    It 'takes wildcards in -Path and -OperationId' {
        @(Find-GumloopCommand -Path '/brain/*').Count | Should -Be 10
        @(Find-GumloopCommand -OperationId '*Brain*').Count | Should -BeGreaterThan 5
    }

    It 'lists the operations a command calls, including those it uses beside its main one' {
        $ops = @(Find-GumloopCommand -Command Get-GumloopSession)
        ($ops.OperationId | Sort-Object) | Should -Be @('listSessions', 'retrieveSession')
        @(Find-GumloopCommand -Command Wait-GumloopSession).OperationId | Should -Contain 'retrieveSession'
    }

    It 'writes a not-found error for an exact filter that matches nothing, and nothing for a wildcard' {
        $result = Invoke-Capture { Find-GumloopCommand -Path '/nothing/here' }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopOperationNotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $result.Errors[0].TargetObject | Should -Be '/nothing/here'
        $quiet = Invoke-Capture { Find-GumloopCommand -Path '/nothing/*' }
        $quiet.Errors | Should -BeNullOrEmpty
    }

    It 'reads well at 80 columns' {
        $text = Find-GumloopCommand -Path '/agents/*' | Format-Table | Out-String -Width 80
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        $text | Should -Match 'Get-GumloopAgent'
    }
}
