#Requires -Version 7.4
# The built module ships GumloopPS.dll and GumloopPS.Core.dll precompiled (ReadyToRun) for this PowerShell's runtime.
# These tests prove the precompiled build loads and runs in a fresh pwsh, and that the runtime uses its native code
# instead of JIT-compiling the module's methods. PowerShell 7.6 (.NET 10) is the only pwsh available here; 7.4
# (.NET 8) would ignore the native code and JIT the IL inside, as it did before precompilation.

BeforeDiscovery {
    # Both are precompiled; the simulator stays IL because it loads only when used.
    $precompiled = @('GumloopPS.dll', 'GumloopPS.Core.dll') | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    . $PSScriptRoot/TestHelpers.ps1
    $moduleDir = $env:GUMLOOPPS_TEST_MODULE

    function Get-NativeHeader([string] $Path) {
        $stream = [IO.File]::OpenRead($Path)
        try {
            $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
            [pscustomobject]@{
                NativeHeaderSize = $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size
                IsILLibrary      = $pe.HasMetadata -and $pe.PEHeaders.CorHeader.Flags.HasFlag([Reflection.PortableExecutable.CorFlags]::ILLibrary)
            }
        }
        finally { $stream.Dispose() }
    }

    # A fresh pwsh that imports the built module, starts the simulator, connects and reads a session, with the runtime
    # listing every method it JIT-compiles (a switch of the release runtime, not a debugging build).
    $jitLog = Join-Path $TestDrive 'jit.txt'
    $script = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:GUMLOOPPS_TEST_MODULE
$sim = Start-GumloopSimulator -ReplyDelayMs 10
try {
    $sim | Connect-Gumloop
    $session = Get-GumloopSession -SessionId 'sess_Vk3nQ8wT2p'
    $messages = @(Get-GumloopMessage -SessionId 'sess_Vk3nQ8wT2p')
    "$($session.Id) $($messages.Count)"
}
finally { $sim | Stop-GumloopSimulator -Confirm:$false }
'@
    $pwsh = Get-ChildPwsh
    $output = & $pwsh.Path @($pwsh.Arguments) -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
    $exitCode = $LASTEXITCODE

    # A second run with the JIT's own log on, only for the list of methods it compiled: the runtime's log writer
    # now and then crashes the process as it exits (free(): invalid pointer), after the script has finished, so
    # that run's exit code says nothing about the module.
    $saved = @{ Summary = $env:DOTNET_JitDisasmSummary; File = $env:DOTNET_JitStdOutFile }
    try {
        $env:DOTNET_JitDisasmSummary = '1'
        $env:DOTNET_JitStdOutFile = $jitLog
        $null = & $pwsh.Path @($pwsh.Arguments) -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
    }
    finally {
        $env:DOTNET_JitDisasmSummary = $saved.Summary
        $env:DOTNET_JitStdOutFile = $saved.File
    }
    $jitted = @(if (Test-Path $jitLog) { Get-Content $jitLog | Where-Object { $_ -match 'JIT compiled (GumloopPS\.(Core|Commands|Internal|Errors)\.[^\[(]+)' } })
}

Describe 'The ReadyToRun build' {
    It '<Name> carries native code beside its IL' -TestCases $precompiled {
        param($Name)
        $header = Get-NativeHeader (Join-Path $moduleDir $Name)
        $header.NativeHeaderSize | Should -BeGreaterThan 0
        # The IL stays, so a runtime that cannot use the native code still runs the module.
        $header.IsILLibrary | Should -BeTrue
    }

    It 'loads and runs in a fresh pwsh <PSVersion>' -TestCases @(@{ PSVersion = $PSVersionTable.PSVersion.ToString() }) {
        $exitCode | Should -Be 0 -Because $output
        $output.Trim() | Should -Match '^sess_Vk3nQ8wT2p \d+$'
    }

    It 'runs its own methods from native code: the runtime JIT-compiles none of them' {
        Test-Path $jitLog | Should -BeTrue
        # Generic instantiations over framework types (async state machines) cannot be precompiled outside the
        # framework and are listed under System.*, so they do not match.
        $jitted | Should -BeNullOrEmpty -Because ($jitted | Select-Object -First 10 | Out-String)
    }
}
