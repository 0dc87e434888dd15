#Requires -Version 7.4
# Invoke-GumloopApi against routes that have no typed cmdlet (teams, skills, agent versions, uploads), with
# paging, placeholders, bodies, files, errors, ShouldProcess and streaming.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $conn = Get-GumloopConnection
    $renewalAgent = 'r4Ts9Kq2MwX7bLn'
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Invoke-GumloopApi on routes without a typed cmdlet' {
    It 'GET /teams returns a PSCustomObject with the server''s field names' {
        $answer = Invoke-GumloopApi -Method GET -Path /teams
        $answer | Should -BeOfType ([System.Management.Automation.PSCustomObject])
        $answer.teams.Count | Should -Be 2
        $answer.teams[0].id | Should -BeExactly $sim.TeamId
        $answer.teams[0].name | Should -BeExactly 'Revenue Ops'
        @($answer.PSObject.Properties.Name) | Should -Be @('teams')
    }

    It 'GET /skills keeps nested objects, nulls and number types' {
        $answer = Invoke-GumloopApi GET /skills
        $answer.total_count | Should -Be 3
        $answer.total_count | Should -BeOfType ([long])
        $answer.next_cursor | Should -BeNullOrEmpty
        $sla = $answer.skills | Where-Object name -eq 'sla-lookup'
        $sla.last_used_at | Should -BeNullOrEmpty
        $sla.is_deployed | Should -BeFalse
        $sla.creator.first_name | Should -BeExactly 'Marcus'
        ($answer.skills | Where-Object name -eq 'renewal-brief').metadata.related_server_ids | Should -Be @('gumloop_hubspot')
        $answer.skills[0].created_at | Should -BeOfType ([string])
    }

    It 'GET /agents/{agent_id}/versions fills the placeholder from -Query and does not send it as a query value' {
        $sim.ClearRequestLog()
        $answer = Invoke-GumloopApi GET '/agents/{agent_id}/versions' -Query @{ agent_id = $renewalAgent; page_size = 3 }
        $answer.versions.Count | Should -Be 3
        $answer.versions[0].major_version | Should -Be 7
        $answer.next_cursor | Should -Not -BeNullOrEmpty
        $request = @($sim.RequestLog)[0]
        $request.Path | Should -BeExactly "/api/v1/agents/$renewalAgent/versions"
        $request.Query | Should -Match 'page_size=3'
        $request.Query | Should -Not -Match 'agent_id'
    }

    It 'fills several placeholders, escaping each value as one segment' {
        $list = Invoke-GumloopApi GET "/agents/$renewalAgent/versions"
        $version = Invoke-GumloopApi GET '/agents/{agent_id}/versions/{version_id}' -Query @{ agent_id = $renewalAgent; version_id = $list.versions[1].id }
        $version.version.major_version | Should -Be 6

        $sim.ClearRequestLog()
        $result = Invoke-Capture { Invoke-GumloopApi GET '/agents/{agent_id}/versions' -Query @{ agent_id = '..' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopInvalidId,*'
        @($sim.RequestLog).Count | Should -Be 0
        $result = Invoke-Capture { Invoke-GumloopApi GET '/agents/{agent_id}/versions' -Query @{ agent_id = '../teams' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        (Get-Request 'GET' '*/agents/..%2Fteams/versions').Count | Should -Be 1
        $result = Invoke-Capture { Invoke-GumloopApi GET '/agents/{agent_id}/versions' -Query @{ agent_id = 'a/b' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        (Get-Request 'GET' '*/agents/a%2Fb/versions').Count | Should -Be 1
    }

    It 'POST /upload_file sends a hashtable body as JSON' {
        $bytes = [byte[]](0..255)
        $answer = Invoke-GumloopApi POST /upload_file -Body @{ file_name = 'all-bytes.bin'; file_content = [Convert]::ToBase64String($bytes); user_id = $sim.UserId } -Confirm:$false
        $answer.success | Should -BeTrue
        $answer.file_name | Should -BeExactly 'all-bytes.bin'
        $sim.GetUploadedFlowFile('all-bytes.bin') | Should -Be $bytes
    }

    It 'POST /upload_files sends a PSCustomObject body and returns a 207 partial success as data' {
        $content = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('x'))
        $body = [pscustomobject]@{
            user_id = $sim.UserId
            files   = @(
                [pscustomobject]@{ file_name = 'ok.txt'; file_content = $content }
                @{ file_name = 'sim:fail.pdf'; file_content = $content }
            )
        }
        $answer = Invoke-GumloopApi POST /upload_files -Body $body -Confirm:$false
        $answer.partial_success | Should -BeTrue
        $answer.uploaded_files | Should -Be @('ok.txt')
        $answer.failed_files | Should -Be @('sim:fail.pdf')
    }

    It 'sends a JSON string body as it is, and takes the body from the pipeline' {
        $json = '{"file_name":"piped.txt","file_content":"aGk=","user_id":"' + $sim.UserId + '"}'
        ($json | Invoke-GumloopApi POST /upload_file -Confirm:$false).file_name | Should -BeExactly 'piped.txt'
        [Text.Encoding]::UTF8.GetString($sim.GetUploadedFlowFile('piped.txt')) | Should -BeExactly 'hi'
    }

    It 'refuses a string body that is not JSON, without sending' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Invoke-GumloopApi POST /upload_file -Body 'file_name=x' -Confirm:$false }
        $result.Errors[0].Exception.Message | Should -Match 'not valid JSON'
        @($sim.RequestLog).Count | Should -Be 0
    }
}

Describe 'Invoke-GumloopApi -All' {
    It 'follows next_cursor over every page and writes the items' {
        $sim.ClearRequestLog()
        $versions = @(Invoke-GumloopApi GET '/agents/{agent_id}/versions' -Query @{ agent_id = $renewalAgent; page_size = 2 } -All)
        $versions.Count | Should -Be 7
        $versions.major_version | Should -Be @(7, 6, 5, 4, 3, 2, 1)
        $versions[0].agent_id | Should -BeExactly $renewalAgent
        $requests = @(Get-Request 'GET' '*/versions')
        $requests.Count | Should -Be 4
        $requests[0].Query | Should -Not -Match 'cursor='
        $requests[1..3] | ForEach-Object { $_.Query | Should -Match 'cursor=' }
        $requests | ForEach-Object { $_.Query | Should -Match 'page_size=2' }
    }

    It 'pages /skills one item at a time' {
        $sim.ClearRequestLog()
        $skills = @(Invoke-GumloopApi GET /skills -Query @{ page_size = 1 } -All)
        $skills.name | Should -Be @('sla-lookup', 'renewal-brief', 'pricing-table')
        (Get-Request 'GET' '*/skills').Count | Should -Be 3
    }

    It 'writes each page''s JSON text with -Raw' {
        $pages = @(Invoke-GumloopApi GET /skills -Query @{ page_size = 2 } -All -Raw)
        $pages.Count | Should -Be 2
        $pages[0] | Should -BeOfType ([string])
        ($pages[0] | ConvertFrom-Json).skills.Count | Should -Be 2
        ($pages[1] | ConvertFrom-Json).next_cursor | Should -BeNullOrEmpty
    }

    It 'writes the items of an unpaginated list' {
        (Invoke-GumloopApi GET /teams -All).id | Should -Be @($sim.TeamId, 'tm_a93f0b42')
    }

    It 'cannot be combined with -OutFile or a method other than GET' {
        $result = Invoke-Capture { Invoke-GumloopApi GET /teams -All -OutFile (Join-Path ([IO.Path]::GetTempPath()) 'x.json') }
        $result.Errors[0].Exception.Message | Should -Match '-All cannot be combined'
        $result = Invoke-Capture { Invoke-GumloopApi POST /teams -All -Confirm:$false }
        $result.Errors[0].Exception.Message | Should -Match 'cannot be used with POST'
    }
}

Describe 'Invoke-GumloopApi paths and answers' {
    It 'returns the JSON text with -Raw' {
        $raw = Invoke-GumloopApi GET /teams -Raw
        $raw | Should -BeOfType ([string])
        ($raw | ConvertFrom-Json).teams[1].name | Should -BeExactly 'Field Marketing'
    }

    It 'accepts a path without a slash, with /api/v1, with its own query, or as a full URL on the connection''s host' -TestCases @(
        @{ Path = 'teams' }
        @{ Path = '/api/v1/teams' }
        @{ Path = '/teams/' }
    ) {
        (Invoke-GumloopApi GET $Path).teams.Count | Should -Be 2
    }

    It 'takes query values from the path, with -Query winning' {
        $sim.ClearRequestLog()
        $answer = Invoke-GumloopApi GET '/skills?page_size=1&search_query=zzz' -Query @{ search_query = 'renewal' }
        $answer.skills.name | Should -BeExactly 'renewal-brief'
        @($sim.RequestLog)[0].Query | Should -Match 'page_size=1'
    }

    It 'accepts a full URL below the base URI' {
        $url = $sim.BaseUri.ToString().TrimEnd('/') + '/skills?page_size=2'
        (Invoke-GumloopApi GET $url).skills.Count | Should -Be 2
    }

    It 'refuses a URL on another host, so the key never leaves' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Invoke-GumloopApi GET 'https://example.com/api/v1/teams' }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopApiPathPlaceholder,*'
        $result.Errors[0].Exception.Message | Should -Match 'not below the connection'
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'refuses a placeholder without a value, naming it, without sending' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Invoke-GumloopApi GET '/agents/{agent_id}/versions/{version_id}' -Query @{ agent_id = $renewalAgent } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopApiPathPlaceholder,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $result.Errors[0].Exception.Message | Should -Match '\{version_id\}'
        $result.Errors[0].Exception.Message | Should -Not -Match '\{agent_id\}'
        @($sim.RequestLog).Count | Should -Be 0
    }

    It 'sends booleans, numbers and arrays in query strings the way the API reads them' {
        $sim.ClearRequestLog()
        $null = Invoke-GumloopApi GET /skills -Query @{ unused = $true; page_size = 5; creator_user_id = @('a', 'b'); skip = $null }
        $query = @($sim.RequestLog)[0].Query
        $query | Should -Match 'unused=true'
        $query | Should -Match 'page_size=5'
        $query | Should -Match 'creator_user_id=a%2Cb'
        $query | Should -Not -Match 'skip'
    }

    It 'writes a text answer as a string' {
        $run = Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'text.example' } -Wait
        $csv = Invoke-GumloopApi POST /download_file -Body @{ run_id = $run.RunId; file_name = 'renewal_brief.csv'; user_id = $sim.UserId } -Confirm:$false
        $csv | Should -BeOfType ([string])
        $csv | Should -BeExactly "account,renewal_date,seats_used,seats_purchased`ntext.example,2026-11-30,41,50`n"
    }

    It 'saves a binary answer with -OutFile byte for byte, and refuses it without' {
        $run = Start-GumloopFlow -FlowId 'fL4nT8wQ2xVd7kRb' -Inputs @{ account_domain = 'zip.example' } -Wait
        $path = Join-Path ([IO.Path]::GetTempPath()) ("gumloop-api-" + [guid]::NewGuid() + '.png')
        try {
            $out = Invoke-GumloopApi POST /download_file -Body @{ run_id = $run.RunId; file_name = 'usage_chart.png'; user_id = $sim.UserId } -OutFile $path -Confirm:$false
            $out | Should -BeNullOrEmpty
            [IO.File]::ReadAllBytes($path) | Should -Be $sim.GetFlowRunFile($run.RunId, 'usage_chart.png')
        }
        finally {
            Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue
        }

        $result = Invoke-Capture { Invoke-GumloopApi POST /download_files -Body @{ run_id = $run.RunId; file_names = @('usage_chart.png'); user_id = $sim.UserId } -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBinaryResponse,*'
        $result.Errors[0].Exception.Message | Should -Match 'application/zip'
    }
}

Describe 'Invoke-GumloopApi errors, retries and auth' {
    It 'maps API errors to the module''s error ids' {
        $result = Invoke-Capture { Invoke-GumloopApi GET '/agents/{agent_id}/versions' -Query @{ agent_id = 'nope' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].Exception.StatusCode | Should -Be 404
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'agent_not_found'

        $result = Invoke-Capture { Invoke-GumloopApi GET /skills -Query @{ cursor = 'garbage' } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopBadRequest,*'
    }

    It 'maps the flat legacy errors too' {
        $result = Invoke-Capture { Invoke-GumloopApi GET /get_pl_run -Query @{ run_id = 'nope'; user_id = $sim.UserId } }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'Pipeline run not found'
    }

    It 'an unknown route is the canonical 404' {
        $result = Invoke-Capture { Invoke-GumloopApi GET /no/such/route }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopNotFound,*'
        $result.Errors[0].Exception.ErrorCode | Should -BeExactly 'not_found'
    }

    It 'retries a 503 on a GET like every other cmdlet' {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('GET', '/teams', [GumloopPS.Simulator.SimulatorFault[]]@([GumloopPS.Simulator.SimulatorFault]::Status(503, $null, '0'))))
        try {
            $sim.ClearRequestLog()
            (Invoke-GumloopApi GET /teams).teams.Count | Should -Be 2
            @(Get-Request 'GET' '*/teams').StatusCode | Should -Be @(503, 200)
        }
        finally {
            $sim.ClearFaults()
        }
    }

    It 'sends the connection''s credentials and team_id' {
        $options = [GumloopPS.Core.GumloopConnectionOptions]::new()
        $options.BaseUri = $sim.BaseUri
        $options.AuthKind = 'TeamKey'
        $options.Secret = $sim.TeamApiKey
        $options.UserId = $sim.UserId
        $options.TeamId = $sim.TeamId
        $team = [GumloopPS.Core.GumloopConnection]::new($options)
        $sim.ClearRequestLog()
        (Invoke-GumloopApi GET /teams -Connection $team).teams.Count | Should -Be 2
        $request = @($sim.RequestLog)[0]
        $request.Query | Should -Match "team_id=$($sim.TeamId)"
        $request.AuthKey | Should -BeExactly $sim.UserId
        $request.Credential | Should -BeExactly ([System.Net.NetworkCredential]::new('', $sim.TeamApiKey).Password)
    }

    It 'reports a bad key as unauthorized' {
        $options = [GumloopPS.Core.GumloopConnectionOptions]::new()
        $options.BaseUri = $sim.BaseUri
        $options.AuthKind = 'ApiKey'
        $options.Secret = ConvertTo-SecureString 'gl_sk_wrong' -AsPlainText -Force
        $options.UserId = $sim.UserId
        $result = Invoke-Capture { Invoke-GumloopApi GET /teams -Connection ([GumloopPS.Core.GumloopConnection]::new($options)) }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopUnauthorized,*'
    }
}

Describe 'Invoke-GumloopApi ShouldProcess' {
    It 'asks before methods that change things, and -WhatIf sends nothing' {
        $sim.ClearRequestLog()
        $null = Invoke-GumloopApi POST /upload_file -Body @{ file_name = 'w.txt'; file_content = 'aGk='; user_id = $sim.UserId } -WhatIf
        $null = Invoke-GumloopApi DELETE '/skills/{skill_id}' -Query @{ skill_id = 'skill_x' } -WhatIf
        @($sim.RequestLog).Count | Should -Be 0
        $sim.GetUploadedFlowFile('w.txt') | Should -BeNullOrEmpty
    }

    It 'never asks for GET' {
        $sim.ClearRequestLog()
        $null = Invoke-GumloopApi GET /teams -WhatIf
        @($sim.RequestLog).Count | Should -Be 1
    }
}

Describe 'Invoke-GumloopApi -Stream' {
    It 'streams a message to a session and writes StreamEvent objects' {
        $session = New-GumloopSession -AgentId $renewalAgent -Input 'first' -Wait
        $sim.ClearRequestLog()
        $events = @(Invoke-GumloopApi POST '/sessions/{session_id}/messages' -Query @{ session_id = $session.Id } -Body @{ input = 'stream this please' } -Stream -Confirm:$false)
        $events.Count | Should -BeGreaterThan 3
        $events[0] | Should -BeOfType ([GumloopPS.Core.StreamEvent])
        $events.Type | Should -Contain 'text-delta'
        $events[-1].Type | Should -BeExactly 'finish'
        $events[-1].Final | Should -BeTrue
        -join ($events | Where-Object Type -eq 'text-delta' | ForEach-Object Delta) | Should -Match 'stream this please'
        @($sim.RequestLog)[0].Host | Should -BeExactly 'stream'
    }

    It 'refuses routes it cannot stream with a clear error' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Invoke-GumloopApi POST /chat/completions -Body @{ model = 'auto'; messages = @(); stream = $true } -Stream -Confirm:$false }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopStreamingUnavailable,*'
        $result.Errors[0].Exception.Message | Should -Match 'Send-GumloopMessage -Stream'
        @($sim.RequestLog).Count | Should -Be 0
    }
}
