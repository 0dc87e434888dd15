@{
    RootModule           = 'GumloopPS.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f6c1e-8d2a-4f7b-9a43-2f1c9e7d6a10'
    Author               = 'GumloopPS contributors'
    CompanyName          = 'GumloopPS'
    Copyright            = '(c) GumloopPS contributors. MIT License.'
    Description          = 'Binary PowerShell cmdlets for the Gumloop API: agents, sessions, messages and flows, with an offline simulator.'
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('GumloopPS.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Gumloop'
        'Disconnect-Gumloop'
        'Get-GumloopConnection'
        'Get-GumloopAgent'
        'New-GumloopSession'
        'Get-GumloopSession'
        'Send-GumloopMessage'
        'Receive-GumloopSessionStream'
        'Wait-GumloopSession'
        'Stop-GumloopSession'
        'Rename-GumloopSession'
        'Get-GumloopMessage'
        'Get-GumloopApproval'
        'Approve-GumloopApproval'
        'Deny-GumloopApproval'
        'Get-GumloopQueuedMessage'
        'Add-GumloopQueuedMessage'
        'Set-GumloopQueuedMessage'
        'Remove-GumloopQueuedMessage'
        'Send-GumloopQueuedMessage'
        'Add-GumloopSessionFile'
        'Get-GumloopFlow'
        'Get-GumloopWorkbook'
        'Get-GumloopFlowInput'
        'Start-GumloopFlow'
        'Get-GumloopFlowRun'
        'Wait-GumloopFlowRun'
        'Stop-GumloopFlowRun'
        'Save-GumloopFlowFile'
        'Invoke-GumloopApi'
        'Find-GumloopCommand'
        'Start-GumloopSimulator'
        'Stop-GumloopSimulator'
        'Export-GumloopTranscript'
        'Import-GumloopTranscript'
        'Register-GumloopOAuthClient'
        'New-GumloopConnection'
        'Get-GumloopSkill'
        'New-GumloopSkill'
        'Set-GumloopSkill'
        'Remove-GumloopSkill'
        'Save-GumloopSkill'
        'Get-GumloopMcpServer'
        'Get-GumloopMcpTool'
        'Invoke-GumloopMcpTool'
        'Get-GumloopMcpResource'
        'Get-GumloopMcpPrompt'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Gumloop', 'AI', 'agents', 'automation', 'API', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/gumloopps/GumloopPS'
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'Installable with Install-PSResource and as an Azure Automation module zip. Connect-Gumloop -Interactive signs in with a browser (OAuth 2.0 with PKCE) and renews its token; Disconnect-Gumloop revokes it; Register-GumloopOAuthClient registers an OAuth client.'
        }
    }
}
