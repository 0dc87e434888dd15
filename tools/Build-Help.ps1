<#
.SYNOPSIS
    Generates the MAML help file of GumloopPS from the built module and the help sources.
.DESCRIPTION
    Imports the built module into this process and, for each exported cmdlet, reads the real parameters,
    parameter sets, types, positions, aliases, pipeline binding, default values and OutputType from the
    cmdlet itself. Only the prose comes from src/GumloopPS/help/<Verb-Noun>.psd1 (plus _Common.psd1 for
    parameters that many cmdlets share), so syntax in Get-Help can never drift from the code.

    It throws, listing every problem at once, when a cmdlet has no source file, a parameter has no text,
    a source describes a parameter or output type that no longer exists, or an example calls a GumloopPS
    cmdlet with a parameter it does not have. Source files for cmdlets that are not exported only warn,
    so help can be written ahead of the cmdlet.

    A source file is a PowerShell data file with these keys:
        Synopsis    = 'One sentence.'
        Description = @'...'@          (blank lines separate paragraphs)
        Parameters  = @{ Name = 'text' } (every parameter except the common ones, unless _Common.psd1 has it)
        Examples    = @(@{ Title = '...'; Code = '...'; Remarks = '...' })   (at least one; Title optional)
        Outputs     = @{ 'Full.Type.Name' = 'text' }   (optional; keys must be in the cmdlet's [OutputType])
        Links       = @('Verb-Noun', 'https://...')   (optional; about_GumloopPS is always added)
        Notes       = 'text'                         (optional)

    Run it in a fresh process (pwsh -NoProfile -File): it loads the module's assemblies, which cannot be
    unloaded afterwards.
.EXAMPLE
    pwsh -NoProfile -File tools/Build-Help.ps1 -ModulePath out/GumloopPS -HelpSource src/GumloopPS/help -OutFile out/GumloopPS/en-US/GumloopPS.dll-Help.xml
#>
# After the help block: a #Requires line above it would hide the help from Get-Help.
#Requires -Version 7.4
[CmdletBinding()]
param(
    # The built module folder (or its psd1).
    [Parameter(Mandatory)] [string] $ModulePath,
    # The folder of <Verb-Noun>.psd1 help sources.
    [Parameter(Mandatory)] [string] $HelpSource,
    # The MAML file to write, normally <module>/en-US/GumloopPS.dll-Help.xml.
    [Parameter(Mandatory)] [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$nsMsh = 'http://msh'
$nsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$nsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$nsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$nsHelp = 'http://msdn.microsoft.com/mshelp'
$nsXmlns = 'http://www.w3.org/2000/xmlns/'

$sourceKeys = 'Synopsis', 'Description', 'Parameters', 'Examples', 'Links', 'Outputs', 'Notes'
$exampleKeys = 'Title', 'Code', 'Remarks'
$sharedFileName = '_Common.psd1'
$aboutTopic = 'about_GumloopPS'
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters
# ShouldProcess parameters are real parameters of the cmdlet as far as help is concerned: Get-Help appends
# only [<CommonParameters>] to the syntax by itself.
$shouldProcessParameters = [System.Management.Automation.Cmdlet]::OptionalCommonParameters

$problems = [System.Collections.Generic.List[string]]::new()

function ConvertTo-Paragraph {
    param([AllowNull()] [string] $Text)
    if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
    # Blank lines separate paragraphs; line breaks inside a paragraph are kept as the author wrote them.
    @(($Text.Trim() -replace "`r`n", "`n") -split "`n[ `t]*`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ })
}

function Get-FriendlyTypeName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Type.IsArray) { return (Get-FriendlyTypeName $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Get-FullTypeName {
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.FullName
}

function Get-DefaultValueText {
    param($Instance, [System.Management.Automation.ParameterMetadata] $Parameter)
    if ($null -eq $Instance -or $shouldProcessParameters -contains $Parameter.Name) { return 'None' }
    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if ($null -eq $property) { return 'None' }
    $value = $property.GetValue($Instance)
    if ($null -eq $value) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return 'False' }
    # A value type left at default(T) (int First = 0) means "not given", not "0".
    if ($value.GetType().IsValueType -and $value.Equals([Activator]::CreateInstance($value.GetType()))) { return 'None' }
    [string]$value
}

function Get-PipelineInputText {
    param([System.Management.Automation.ParameterMetadata] $Parameter)
    $kinds = [System.Collections.Generic.List[string]]::new()
    $sets = $Parameter.ParameterSets.Values
    if ($sets | Where-Object ValueFromPipelineByPropertyName) { $kinds.Add('ByPropertyName') }
    if ($sets | Where-Object ValueFromPipeline) { $kinds.Add('ByValue') }
    if ($kinds.Count -eq 0) { return 'False' }
    "True ($($kinds -join ', '))"
}

function Get-PositionText {
    param([System.Management.Automation.ParameterMetadata] $Parameter)
    $positions = @($Parameter.ParameterSets.Values | Where-Object Position -ge 0 | ForEach-Object Position | Sort-Object)
    if ($positions.Count -eq 0) { return 'named' }
    [string]$positions[0]
}

function Test-Globbing {
    param([System.Management.Automation.ParameterMetadata] $Parameter)
    [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
}

function Get-HelpParameter {
    # Non-common parameters of a cmdlet: positional ones first, then the others in the order the cmdlet's help file
    # lists them, then those described only in _Common.psd1 in its order, ShouldProcess ones last. The order comes
    # from the sources, not from reflection, so moving a parameter into a base class does not reorder the help.
    param([System.Management.Automation.CmdletInfo] $Command, [string[]] $OwnOrder = @(), [string[]] $SharedOrder = @())
    # A source with no Parameters table gives no order; the function returns nothing, not an empty array.
    if ($null -eq $OwnOrder) { $OwnOrder = @() }
    if ($null -eq $SharedOrder) { $SharedOrder = @() }
    $index = 0
    $Command.Parameters.Values |
        Where-Object { -not $commonParameters.Contains($_.Name) } |
        ForEach-Object {
            $position = Get-PositionText $_
            $own = [array]::IndexOf($OwnOrder, $_.Name)
            $common = [array]::IndexOf($SharedOrder, $_.Name)
            [pscustomobject]@{
                Metadata = $_
                Order    = if ($shouldProcessParameters -contains $_.Name) { 2 } elseif ($position -ne 'named') { 0 } else { 1 }
                Position = if ($position -ne 'named') { [int]$position } else { 0 }
                Rank     = if ($own -ge 0) { $own } elseif ($common -ge 0) { 1000 + $common } else { 2000 + $index }
                Index    = $index++
            }
        } |
        Sort-Object Order, Position, Rank |
        ForEach-Object Metadata
}

function Get-ParameterOrder {
    # The parameter names of a help source's Parameters table, in the order they are written.
    param([string] $Path)
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$null)
    $root = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $false)
    if ($null -eq $root) { return @() }
    foreach ($pair in $root.KeyValuePairs) {
        if ($pair.Item1.Extent.Text.Trim("'", '"') -ne 'Parameters') { continue }
        $table = $pair.Item2.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $true)
        if ($table) { return @($table.KeyValuePairs | ForEach-Object { $_.Item1.Extent.Text.Trim("'", '"') }) }
    }
    @()
}

function Test-ExampleCode {
    # Parses an example and checks that every GumloopPS cmdlet in it is called with parameters it really has.
    param([string] $CommandName, [int] $Number, [string] $Code, [hashtable] $Cmdlets)
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
    foreach ($parseError in $errors) {
        $problems.Add("${CommandName}: example $Number does not parse: $($parseError.Message)")
    }
    foreach ($call in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        $name = $call.GetCommandName()
        if (-not $name -or -not $Cmdlets.ContainsKey($name)) { continue }
        $known = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
        foreach ($parameter in $Cmdlets[$name].Parameters.Values) {
            $null = $known.Add($parameter.Name)
            foreach ($alias in $parameter.Aliases) { $null = $known.Add($alias) }
        }
        foreach ($element in $call.CommandElements) {
            if ($element -is [System.Management.Automation.Language.CommandParameterAst] -and -not $known.Contains($element.ParameterName)) {
                $problems.Add("${CommandName}: example $Number calls $name with -$($element.ParameterName), which $name does not have.")
            }
        }
    }
}

function Read-HelpSource {
    param([string] $Path)
    try {
        Import-PowerShellDataFile -LiteralPath $Path
    }
    catch {
        $problems.Add("$(Split-Path $Path -Leaf): cannot be read: $($_.Exception.Message)")
        $null
    }
}

# --- Load the module and the sources ------------------------------------------------------------------------

$resolvedModule = (Resolve-Path -LiteralPath $ModulePath).Path
$resolvedSource = (Resolve-Path -LiteralPath $HelpSource).Path
$module = Import-Module -Name $resolvedModule -Force -PassThru -ErrorAction Stop | Select-Object -First 1
# The README's cmdlet section on the project site; Get-Help -Online opens it for every cmdlet.
$onlineUri = [string]$module.PrivateData.PSData.ProjectUri + '#cmdlets'
$cmdlets = @{}
foreach ($command in $module.ExportedCmdlets.Values) { $cmdlets[$command.Name] = $command }
if ($cmdlets.Count -eq 0) { throw "The module at $resolvedModule exports no cmdlets; was it built?" }

$shared = @{}
$sharedPath = Join-Path $resolvedSource $sharedFileName
if (Test-Path -LiteralPath $sharedPath) {
    $sharedData = Read-HelpSource $sharedPath
    if ($sharedData) {
        foreach ($key in $sharedData.Keys) {
            if ($key -ne 'Parameters') { $problems.Add("${sharedFileName}: unknown key '$key'; only Parameters is shared.") }
        }
        if ($sharedData['Parameters']) { $shared = $sharedData['Parameters'] }
    }
}
$sharedOrder = if (Test-Path -LiteralPath $sharedPath) { @(Get-ParameterOrder $sharedPath) } else { @() }

$sources = @{}
foreach ($file in Get-ChildItem -LiteralPath $resolvedSource -Filter '*.psd1' -File) {
    if ($file.Name -eq $sharedFileName) { continue }
    $name = $file.BaseName
    if (-not $cmdlets.ContainsKey($name)) {
        Write-Warning "Help source $($file.Name) matches no exported cmdlet of $($module.Name); it is not used."
        continue
    }
    $sources[$name] = Read-HelpSource $file.FullName
}

# --- Validate everything before writing anything ------------------------------------------------------------

$sortedNames = @($cmdlets.Keys | Sort-Object)
foreach ($name in $sortedNames) {
    $command = $cmdlets[$name]
    if (-not $sources.ContainsKey($name)) {
        $problems.Add("${name}: no help source; create $(Join-Path $resolvedSource "$name.psd1").")
        continue
    }
    $data = $sources[$name]
    if ($null -eq $data) { continue }

    foreach ($key in $data.Keys) {
        if ($sourceKeys -notcontains $key) { $problems.Add("${name}: unknown key '$key' (allowed: $($sourceKeys -join ', ')).") }
    }
    if ([string]::IsNullOrWhiteSpace($data['Synopsis'])) { $problems.Add("${name}: Synopsis is empty.") }
    if ([string]::IsNullOrWhiteSpace($data['Description'])) { $problems.Add("${name}: Description is empty.") }

    $parameterText = if ($data['Parameters']) { $data['Parameters'] } else { @{} }
    if ($parameterText -isnot [hashtable]) { $problems.Add("${name}: Parameters must be a hashtable."); $parameterText = @{} }
    foreach ($parameter in Get-HelpParameter $command) {
        $text = if ($parameterText.ContainsKey($parameter.Name)) { $parameterText[$parameter.Name] } else { $shared[$parameter.Name] }
        if ([string]::IsNullOrWhiteSpace($text)) { $problems.Add("${name}: parameter -$($parameter.Name) has no text (in $name.psd1 or $sharedFileName).") }
    }
    foreach ($described in $parameterText.Keys) {
        if (-not $command.Parameters.ContainsKey($described)) { $problems.Add("${name}: text for -$described, which the cmdlet does not have.") }
    }

    $examples = @($data['Examples'] | Where-Object { $null -ne $_ })
    if ($examples.Count -eq 0) { $problems.Add("${name}: no examples.") }
    $number = 0
    foreach ($example in $examples) {
        $number++
        if ($example -isnot [hashtable]) { $problems.Add("${name}: example $number is not a hashtable."); continue }
        foreach ($key in $example.Keys) {
            if ($exampleKeys -notcontains $key) { $problems.Add("${name}: example $number has unknown key '$key' (allowed: $($exampleKeys -join ', ')).") }
        }
        if ([string]::IsNullOrWhiteSpace($example['Code'])) { $problems.Add("${name}: example $number has no Code."); continue }
        if ([string]::IsNullOrWhiteSpace($example['Remarks'])) { $problems.Add("${name}: example $number has no Remarks.") }
        Test-ExampleCode -CommandName $name -Number $number -Code $example['Code'] -Cmdlets $cmdlets
    }

    if (@($command.OutputType).Count -eq 0) { $problems.Add("${name}: the cmdlet class has no [OutputType] attribute.") }
    if ($data['Outputs']) {
        $declared = @($command.OutputType | ForEach-Object Name)
        foreach ($typeName in $data['Outputs'].Keys) {
            if ($declared -notcontains $typeName) { $problems.Add("${name}: Outputs describes $typeName, which is not in the cmdlet's [OutputType] ($($declared -join ', ')).") }
        }
    }
}

if ($problems.Count -gt 0) {
    # One line per problem on stderr as well: the error view of a thrown exception folds the list into a paragraph.
    foreach ($problem in $problems) { [Console]::Error.WriteLine("Build-Help: $problem") }
    throw "Help for $($module.Name) is incomplete or stale ($($problems.Count) problem(s)):`n  - " + ($problems -join "`n  - ")
}

# --- Write MAML ---------------------------------------------------------------------------------------------

function Write-Para {
    param([System.Xml.XmlWriter] $Writer, [string] $Text)
    $paragraphs = @(ConvertTo-Paragraph $Text)
    if ($paragraphs.Count -eq 0) { $paragraphs = @('') }
    foreach ($paragraph in $paragraphs) { $Writer.WriteElementString('para', $nsMaml, $paragraph) }
}

function Write-Description {
    param([System.Xml.XmlWriter] $Writer, [string] $Prefix, [string] $Namespace, [string] $Text)
    $Writer.WriteStartElement($Prefix, 'description', $Namespace)
    Write-Para $Writer $Text
    $Writer.WriteEndElement()
}

function Write-TypeElement {
    param([System.Xml.XmlWriter] $Writer, [string] $TypeName, [string] $Text)
    $Writer.WriteStartElement('dev', 'type', $nsDev)
    $Writer.WriteElementString('name', $nsMaml, $TypeName)
    $Writer.WriteElementString('uri', $nsMaml, '')
    $Writer.WriteEndElement()
    Write-Description $Writer 'maml' $nsMaml $Text
}

function Write-ParameterElement {
    param(
        [System.Xml.XmlWriter] $Writer,
        [System.Management.Automation.ParameterMetadata] $Parameter,
        [string] $Text,
        [string] $DefaultValue,
        [bool] $Required,
        [string] $Position,
        [bool] $InSyntax
    )
    $isSwitch = $Parameter.SwitchParameter
    $variableLength = $Parameter.ParameterType.IsArray
    $Writer.WriteStartElement('command', 'parameter', $nsCommand)
    $Writer.WriteAttributeString('required', $Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $variableLength.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', (Test-Globbing $Parameter).ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInputText $Parameter))
    $Writer.WriteAttributeString('position', $Position)
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('name', $nsMaml, $Parameter.Name)
    Write-Description $Writer 'maml' $nsMaml $Text
    # In syntax a switch shows as [-Wait]; a value element would make Get-Help print [-Wait <SwitchParameter>].
    if (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $nsCommand)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', $variableLength.ToString().ToLowerInvariant())
        $Writer.WriteString((Get-FriendlyTypeName $Parameter.ParameterType))
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $nsDev)
    $Writer.WriteElementString('name', $nsMaml, (Get-FullTypeName $Parameter.ParameterType))
    $Writer.WriteElementString('uri', $nsMaml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('defaultValue', $nsDev, $DefaultValue)
    $Writer.WriteEndElement()
}

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"

$outFull = [System.IO.Path]::GetFullPath($OutFile, (Get-Location).Path)
$null = New-Item -ItemType Directory -Force -Path ([System.IO.Path]::GetDirectoryName($outFull))
# Written to a temporary file first so a failure halfway never leaves a truncated help file behind.
$tempFile = "$outFull.tmp"
$writer = [System.Xml.XmlWriter]::Create($tempFile, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', $nsMsh)
    $writer.WriteAttributeString('schema', 'maml')

    foreach ($name in $sortedNames) {
        $command = $cmdlets[$name]
        $data = $sources[$name]
        $parameterText = if ($data['Parameters']) { $data['Parameters'] } else { @{} }
        $textFor = { param($parameterName) if ($parameterText.ContainsKey($parameterName)) { $parameterText[$parameterName] } else { $shared[$parameterName] } }
        $helpParameters = @(Get-HelpParameter $command -OwnOrder (Get-ParameterOrder (Join-Path $resolvedSource "$name.psd1")) -SharedOrder $sharedOrder)
        $instance = $null
        try { $instance = [Activator]::CreateInstance($command.ImplementingType) } catch { Write-Verbose "No default values for ${name}: $($_.Exception.Message)" }

        $writer.WriteStartElement('command', 'command', $nsCommand)
        $writer.WriteAttributeString('xmlns', 'maml', $nsXmlns, $nsMaml)
        $writer.WriteAttributeString('xmlns', 'command', $nsXmlns, $nsCommand)
        $writer.WriteAttributeString('xmlns', 'dev', $nsXmlns, $nsDev)
        $writer.WriteAttributeString('xmlns', 'MSHelp', $nsXmlns, $nsHelp)

        $writer.WriteStartElement('command', 'details', $nsCommand)
        $writer.WriteElementString('name', $nsCommand, $name)
        Write-Description $writer 'maml' $nsMaml $data['Synopsis']
        $writer.WriteElementString('verb', $nsCommand, $command.Verb)
        $writer.WriteElementString('noun', $nsCommand, $command.Noun)
        $writer.WriteStartElement('maml', 'copyright', $nsMaml)
        $writer.WriteElementString('para', $nsMaml, '')
        $writer.WriteEndElement()
        $writer.WriteElementString('version', $nsDev, [string]$module.Version)
        $writer.WriteEndElement()

        Write-Description $writer 'maml' $nsMaml $data['Description']

        $writer.WriteStartElement('command', 'syntax', $nsCommand)
        $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name)
        foreach ($set in $sets) {
            $writer.WriteStartElement('command', 'syntaxItem', $nsCommand)
            $writer.WriteElementString('name', $nsMaml, $name)
            $inSet = @{}
            foreach ($member in $set.Parameters) { $inSet[$member.Name] = $member }
            $ordered = $helpParameters | Where-Object { $inSet.ContainsKey($_.Name) } | ForEach-Object {
                $member = $inSet[$_.Name]
                [pscustomobject]@{
                    Metadata = $_
                    Member   = $member
                    Order    = if ($shouldProcessParameters -contains $_.Name) { 3 } elseif ($member.Position -ge 0) { 0 } elseif ($member.IsMandatory) { 1 } else { 2 }
                    Position = [math]::Max($member.Position, 0)
                }
            } | Sort-Object -Stable Order, Position
            foreach ($entry in $ordered) {
                $position = if ($entry.Member.Position -ge 0) { [string]$entry.Member.Position } else { 'named' }
                Write-ParameterElement -Writer $writer -Parameter $entry.Metadata -Text (& $textFor $entry.Metadata.Name) `
                    -DefaultValue (Get-DefaultValueText $instance $entry.Metadata) -Required $entry.Member.IsMandatory -Position $position -InSyntax $true
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'parameters', $nsCommand)
        foreach ($parameter in $helpParameters) {
            # Required only when the parameter is mandatory in every set that has it; the syntax shows each set exactly.
            $required = -not ($parameter.ParameterSets.Values | Where-Object { -not $_.IsMandatory })
            Write-ParameterElement -Writer $writer -Parameter $parameter -Text (& $textFor $parameter.Name) `
                -DefaultValue (Get-DefaultValueText $instance $parameter) -Required $required -Position (Get-PositionText $parameter) -InSyntax $false
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'inputTypes', $nsCommand)
        $byType = [ordered]@{}
        foreach ($parameter in $helpParameters) {
            $pipelineSets = @($parameter.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName })
            if ($pipelineSets.Count -eq 0) { continue }
            $typeName = Get-FullTypeName $parameter.ParameterType
            if (-not $byType.Contains($typeName)) { $byType[$typeName] = [System.Collections.Generic.List[string]]::new() }
            if ($pipelineSets | Where-Object ValueFromPipeline) {
                $byType[$typeName].Add("You can pipe $(Get-FriendlyTypeName $parameter.ParameterType) values to -$($parameter.Name).")
            }
            if ($pipelineSets | Where-Object ValueFromPipelineByPropertyName) {
                $names = @($parameter.Name) + @($parameter.Aliases)
                $byType[$typeName].Add("The $($names -join ' or ') property of piped objects binds to -$($parameter.Name).")
            }
        }
        if ($byType.Count -eq 0) {
            $writer.WriteStartElement('command', 'inputType', $nsCommand)
            Write-TypeElement $writer 'None' "You can't pipe objects to $name."
            $writer.WriteEndElement()
        }
        foreach ($typeName in $byType.Keys) {
            $writer.WriteStartElement('command', 'inputType', $nsCommand)
            Write-TypeElement $writer $typeName ($byType[$typeName] -join ' ')
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'returnValues', $nsCommand)
        $outputs = if ($data['Outputs']) { $data['Outputs'] } else { @{} }
        foreach ($outputType in $command.OutputType) {
            $typeName = $outputType.Name
            $writer.WriteStartElement('command', 'returnValue', $nsCommand)
            if ($typeName -eq 'System.Void') {
                Write-TypeElement $writer 'None' "$name writes no objects to the pipeline."
            }
            else {
                Write-TypeElement $writer $typeName $outputs[$typeName]
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        if (-not [string]::IsNullOrWhiteSpace($data['Notes'])) {
            $writer.WriteStartElement('maml', 'alertSet', $nsMaml)
            $writer.WriteStartElement('maml', 'alert', $nsMaml)
            Write-Para $writer $data['Notes']
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }

        $writer.WriteStartElement('command', 'examples', $nsCommand)
        $number = 0
        foreach ($example in @($data['Examples'] | Where-Object { $null -ne $_ })) {
            $number++
            $title = if ($example['Title']) { "Example ${number}: $($example['Title'])" } else { "Example $number" }
            $writer.WriteStartElement('command', 'example', $nsCommand)
            $writer.WriteElementString('title', $nsMaml, "--------- $title ---------")
            $writer.WriteElementString('code', $nsDev, ($example['Code'].Trim() -replace "`r`n", "`n"))
            $writer.WriteStartElement('dev', 'remarks', $nsDev)
            Write-Para $writer $example['Remarks']
            # Without a trailing empty paragraph Get-Help runs the remarks straight into the next example's title.
            $writer.WriteElementString('para', $nsMaml, '')
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'relatedLinks', $nsCommand)
        $links = [System.Collections.Generic.List[string]]::new()
        # First, so Get-Help -Online opens it: installed users have no source tree, but the README's cmdlet
        # section on the project site describes every cmdlet and links the rest.
        $writer.WriteStartElement('maml', 'navigationLink', $nsMaml)
        $writer.WriteElementString('linkText', $nsMaml, 'Online Version:')
        $writer.WriteElementString('uri', $nsMaml, $onlineUri)
        $writer.WriteEndElement()
        foreach ($link in @($data['Links'] | Where-Object { $_ })) { $links.Add([string]$link) }
        if ($links -notcontains $aboutTopic) { $links.Add($aboutTopic) }
        foreach ($link in $links) {
            $writer.WriteStartElement('maml', 'navigationLink', $nsMaml)
            $writer.WriteElementString('linkText', $nsMaml, $link)
            $writer.WriteElementString('uri', $nsMaml, $(if ($link -match '^https?://') { $link } else { '' }))
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteEndElement()
        if ($instance -is [System.IDisposable]) { $instance.Dispose() }
    }

    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
Move-Item -LiteralPath $tempFile -Destination $outFull -Force
Write-Host "Help for $($sortedNames.Count) cmdlets written to $outFull"
