#Requires -Version 7.4
# Get-GumloopModel and Resolve-GumloopModel against the simulator's model catalogue and router.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $connection = Get-GumloopConnection
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Get-GumloopModel' {
    It 'writes one typed object per model with its group' {
        $models = @(Get-GumloopModel)
        $models.Id | Should -Be @('auto', 'claude-sonnet-4-5', 'gpt-4o-mini')
        $models | ForEach-Object { $_ | Should -BeOfType ([GumloopPS.Core.ModelInfo]) }
        ($models | Where-Object Id -eq 'gpt-4o-mini').GroupName | Should -BeExactly 'Fast & cheap'
        ($models | ConvertTo-Csv | Out-String) | Should -Not -Match 'System\.'
    }

    It '-Id filters with a wildcard and -TeamId is sent' {
        $sim.ClearRequestLog()
        @(Get-GumloopModel -Id 'claude*' -TeamId $sim.TeamId).Id | Should -Be @('claude-sonnet-4-5')
        $sim.RequestLog[0].Query | Should -Match "team_id=$([regex]::Escape($sim.TeamId))"
    }

    It 'an exact id that matches nothing is ObjectNotFound with the id as target' {
        $result = Invoke-Capture { Get-GumloopModel -Id 'gpt-9' }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound*'
        $result.Errors[0].TargetObject | Should -BeExactly 'gpt-9'
        (Invoke-Capture { Get-GumloopModel -Id 'gpt-9*' }).Errors | Should -BeNullOrEmpty
    }
}

Describe 'Resolve-GumloopModel' {
    It 'returns the typed routing decision and sends the documented body' {
        $sim.ClearRequestLog()
        $route = Resolve-GumloopModel -Input 'hi' -Model 'claude-sonnet-4-5', 'gpt-4.1' -History @{ Role = 'user'; Content = 'earlier' } -Agent @{ name = 'Renewal desk' } -Confirm:$false
        $route | Should -BeOfType ([GumloopPS.Core.ModelRoute])
        $route.Router | Should -BeExactly 'gumloop-chew'
        $route.Model | Should -BeExactly 'claude-sonnet-4-5'
        $route.Adjustment | Should -BeExactly 'escalated'
        @($route.FallbackModels) | Should -Be @('gpt-4.1')
        $route.Candidates.Count | Should -Be 2
        $route.Candidates[0] | Should -BeOfType ([GumloopPS.Core.ModelRouteCandidate])
        $body = (Get-Request POST '*/models/route')[0].Body | ConvertFrom-Json -AsHashtable
        ($body.Keys | Sort-Object) | Should -Be @('agent', 'history', 'input', 'models')
        $body.history[0].role | Should -BeExactly 'user'
        ($route | ConvertTo-Csv | Out-String) | Should -Not -Match 'System\.'
    }

    It 'takes messages from the pipeline' {
        $routes = @('hi', 'Analyse the architecture of our renewal pipeline and plan a migration.' | Resolve-GumloopModel -Confirm:$false)
        $routes.Count | Should -Be 2
        $routes[0].VerdictLane | Should -BeExactly 'light'
        $routes[1].VerdictLane | Should -Not -Be 'light'
    }

    It 'refuses a body the router would refuse, before sending it' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Resolve-GumloopModel -Input 'x' -Agent @{ name = 'a'; tools = 'b' } -Confirm:$false }
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        "$($result.Errors[0])" | Should -Match 'tools'
        $result = Invoke-Capture { Resolve-GumloopModel -Input 'x' -History @{ role = 'system'; content = 'x' } -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidArgument*'
        @(Get-Request POST '*/models/route').Count | Should -Be 0
    }

    It 'out of credits is the QuotaExceeded error GumloopInsufficientCredits' {
        $result = Invoke-Capture { Resolve-GumloopModel -Input 'route this sim:no-credits' -Confirm:$false }
        $result.Output | Should -BeNullOrEmpty
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInsufficientCredits*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'QuotaExceeded'
    }

    It 'an unregistered model is a BadRequest error' {
        $result = Invoke-Capture { Resolve-GumloopModel -Input 'x' -Model 'gpt-9' -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest*'
    }

    It '-WhatIf spends nothing' {
        $sim.ClearRequestLog()
        Resolve-GumloopModel -Input 'hi' -WhatIf | Should -BeNullOrEmpty
        @(Get-Request POST '*/models/route').Count | Should -Be 0
    }

    It 'spends credits, so it asks by default (ConfirmImpact High) and No sends nothing' {
        $sim.ClearRequestLog()
        $run = Invoke-OnTextHost -Answer 2 -Script 'Resolve-GumloopModel -Input hi -Connection $Connection'
        $run.Prompts.Count | Should -Be 1
        $run.Prompts[0] | Should -Match 'credits'
        $run.Output | Should -BeNullOrEmpty
        @(Get-Request POST '*/models/route').Count | Should -Be 0
    }
}
