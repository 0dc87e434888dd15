using System;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Commands;

/// <summary>Shared by New- and Set-GumloopSkill: -Path, read and checked into a <see cref="SkillPackage"/> before anything is sent.</summary>
public abstract class GumloopSkillPackageCmdlet : GumloopApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The package for -Path, or null after writing the error that says why it cannot be sent.</summary>
    protected SkillPackage? ReadPackage()
    {
        string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            return SkillPackage.FromPath(resolved);
        }
        catch (Exception ex) when (ex is GumloopSkillPackageException or System.IO.IOException or UnauthorizedAccessException)
        {
            WriteError(ex is GumloopSkillPackageException
                ? Errors.ErrorMap.ToErrorRecord(ex, resolved)
                : Errors.ErrorMap.Create(ex, Errors.ErrorMap.FileError, ErrorCategory.ReadError, resolved, "Check that you may read every file of the skill; nothing was sent."));
            return null;
        }
    }
}
