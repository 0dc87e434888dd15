#Requires -Version 7.4
# The built module ships GumloopPS.dll and GumloopPS.Core.dll precompiled (ReadyToRun) for this PowerShell's runtime.
# These tests prove the precompiled build loads and runs in a fresh pwsh, and that the runtime uses its native code
# instead of JIT-compiling the module's methods, on the pinned pwsh and on the other PowerShell the NuGet feed serves
# (7.6.10; 7.7.0 does not install). Both run on .NET 10. No 7.4 (.NET 8) build is served here; it would ignore the
# native code and JIT the IL inside, as it did before precompilation.

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
    "$($PSVersionTable.PSVersion) $($session.Id) $($messages.Count)"
}
finally { $sim | Stop-GumloopSimulator -Confirm:$false }
'@

    # Runs the script in a fresh pwsh ($Pwsh: Path and Arguments, as Get-ChildPwsh returns them) and returns its
    # output, exit code and the module methods the runtime JIT-compiled.
    function Invoke-PrecompiledRun([pscustomobject] $Pwsh, [string] $Name) {
        $program = $Pwsh.Path
        $leading = @($Pwsh.Arguments)
        $output = & $program @leading -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        $exitCode = $LASTEXITCODE

        # A second run with the JIT's own log on, only for the list of methods it compiled: the runtime's log writer
        # now and then crashes the process as it exits (free(): invalid pointer), after the script has finished, so
        # that run's exit code says nothing about the module.
        $jitLog = Join-Path $TestDrive "jit-$Name.txt"
        $saved = @{ Summary = $env:DOTNET_JitDisasmSummary; File = $env:DOTNET_JitStdOutFile }
        try {
            $env:DOTNET_JitDisasmSummary = '1'
            $env:DOTNET_JitStdOutFile = $jitLog
            $null = & $program @leading -NoProfile -NonInteractive -Command $script 2>&1 | Out-String
        }
        finally {
            $env:DOTNET_JitDisasmSummary = $saved.Summary
            $env:DOTNET_JitStdOutFile = $saved.File
        }
        [pscustomobject]@{
            Output   = $output
            ExitCode = $exitCode
            JitLog   = $jitLog
            Jitted   = @(if (Test-Path $jitLog) { Get-Content $jitLog | Where-Object { $_ -match 'JIT compiled (GumloopPS\.(Core|Commands|Internal|Errors)\.[^\[(]+)' } })
        }
    }

    $pwsh = Get-ChildPwsh
    $runs = @{ $PSVersionTable.PSVersion.ToString() = Invoke-PrecompiledRun $pwsh 'current' }

    # The other pwsh the NuGet feed serves that installs (7.7.0 does not), installed as a tool into the test drive.
    # The module's native code was compiled against this build's PowerShell; another build must use it too.
    $otherVersion = '7.6.10'
    if ($PSVersionTable.PSVersion.ToString() -ne $otherVersion) {
        $toolPath = Join-Path $TestDrive 'pwsh-other'
        $install = dotnet tool install PowerShell --version $otherVersion --tool-path $toolPath 2>&1 | Out-String
        $otherPwsh = Join-Path $toolPath $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
        $runs[$otherVersion] = if (Test-Path $otherPwsh) { Invoke-PrecompiledRun ([pscustomobject]@{ Path = $otherPwsh; Arguments = @() }) 'other' } else {
            [pscustomobject]@{ Output = $install; ExitCode = -1; JitLog = $null; Jitted = @() }
        }
    }
}

Describe 'The ReadyToRun build' {
    It '<Name> carries native code beside its IL' -TestCases $precompiled {
        param($Name)
        $header = Get-NativeHeader (Join-Path $moduleDir $Name)
        $header.NativeHeaderSize | Should -BeGreaterThan 0
        # The IL stays, so a runtime that cannot use the native code still runs the module.
        $header.IsILLibrary | Should -BeTrue
    }

    It 'loads and runs in a fresh pwsh <PSVersion>' -TestCases @(
        @{ PSVersion = $PSVersionTable.PSVersion.ToString() }
        @{ PSVersion = '7.6.10' }
    ) {
        param($PSVersion)
        $run = $runs[$PSVersion]
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output.Trim() | Should -Match "^$([regex]::Escape($PSVersion)) sess_Vk3nQ8wT2p \d+$"
    }

    It 'runs its own methods from native code on pwsh <PSVersion>: the runtime JIT-compiles none of them' -TestCases @(
        @{ PSVersion = $PSVersionTable.PSVersion.ToString() }
        @{ PSVersion = '7.6.10' }
    ) {
        param($PSVersion)
        $run = $runs[$PSVersion]
        Test-Path $run.JitLog | Should -BeTrue
        # Generic instantiations over framework types (async state machines) cannot be precompiled outside the
        # framework and are listed under System.*, so they do not match.
        $run.Jitted | Should -BeNullOrEmpty -Because ($run.Jitted | Select-Object -First 10 | Out-String)
    }
}
