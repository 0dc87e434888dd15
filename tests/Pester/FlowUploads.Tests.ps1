#Requires -Version 7.4
# Add-GumloopFlowFile against the simulator: upload_file for one file, upload_files for several.

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $sim = Start-TestSimulator
    $renewalFlow = 'fL4nT8wQ2xVd7kRb'
    $a = Join-Path $TestDrive 'accounts.csv'; Set-Content -LiteralPath $a -Value 'account,seats' -NoNewline
    $b = Join-Path $TestDrive 'usage.csv'; Set-Content -LiteralPath $b -Value 'seats,active' -NoNewline

    function Get-Uploads { @($sim.RequestLog | Where-Object { $_.Path -like '*/upload_file*' }) }
}

AfterAll {
    Disconnect-Gumloop
    $sim | Stop-GumloopSimulator
}

Describe 'Add-GumloopFlowFile' {
    It 'uploads one file with upload_file and writes the stored name Start-GumloopFlow takes' {
        $sim.ClearRequestLog()
        $file = Add-GumloopFlowFile -Path $a

        $file | Should -BeOfType ([GumloopPS.Core.UploadedFlowFile])
        $file.FileName | Should -BeExactly 'accounts.csv'
        $file.Length | Should -Be 13
        $upload = Get-Uploads
        $upload.Count | Should -Be 1
        $upload[0].Path | Should -BeLike '*/upload_file'
        $body = $upload[0].Body | ConvertFrom-Json
        [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($body.file_content)) | Should -BeExactly 'account,seats'
        $body.user_id | Should -BeExactly $sim.UserId

        $run = Start-GumloopFlow -FlowId $renewalFlow -Inputs @{ account_domain = 'northwind.example'; usage_export = $file.FileName } -Confirm:$false
        $run.RunId | Should -Not -BeNullOrEmpty
    }

    It 'gathers piped files into one upload_files request' {
        $sim.ClearRequestLog()
        $files = @(Get-ChildItem -LiteralPath $TestDrive -Filter *.csv | Add-GumloopFlowFile)

        $files.FileName | Should -Be @('accounts.csv', 'usage.csv')
        $upload = Get-Uploads
        $upload.Count | Should -Be 1
        $upload[0].Path | Should -BeLike '*/upload_files'
        @(($upload[0].Body | ConvertFrom-Json).files).file_name | Should -Be @('accounts.csv', 'usage.csv')
    }

    It 'writes an error for each file the service reports as failed, and the others as output' {
        $sim.AddFault([GumloopPS.Simulator.FaultRule]::new('POST', '/upload_files', [GumloopPS.Simulator.SimulatorFault]::Status(207, '{"partial_success":true,"uploaded_files":["accounts.csv"],"failed_files":["usage.csv"]}')))

        $result = Invoke-Capture { Add-GumloopFlowFile -Path $a, $b }

        @($result.Output).FileName | Should -Be @('accounts.csv')
        $result.Errors.Count | Should -Be 1
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopServerError*'
        $result.Errors[0].TargetObject | Should -BeExactly $b
    }

    It 'reports a missing file as GumloopFileNotFound and sends nothing for it' {
        $sim.ClearRequestLog()
        $result = Invoke-Capture { Add-GumloopFlowFile -LiteralPath (Join-Path $TestDrive 'missing.csv') }
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GumloopFileNotFound*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-Uploads | Should -BeNullOrEmpty
    }

    It '-WhatIf uploads nothing' {
        $sim.ClearRequestLog()
        Add-GumloopFlowFile -Path $a, $b -WhatIf | Should -BeNullOrEmpty
        Get-Uploads | Should -BeNullOrEmpty
    }

    It 'is the typed command for upload_file and upload_files' {
        (Find-GumloopCommand -Path '/upload_file' -Method POST).Command | Should -BeExactly 'Add-GumloopFlowFile'
        (Find-GumloopCommand -Path '/upload_files' -Method POST).Command | Should -BeExactly 'Add-GumloopFlowFile'
    }
}
