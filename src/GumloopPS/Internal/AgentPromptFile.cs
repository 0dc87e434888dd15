using System;
using System.IO;
using System.Management.Automation;
using GumloopPS.Core;

namespace GumloopPS.Internal;

/// <summary>Reads -SystemPromptPath for New- and Set-GumloopAgent: prompts are long, so they live in files.</summary>
internal static class AgentPromptFile
{
    /// <summary>Largest prompt file read; prompts are long, but not this long.</summary>
    internal const int MaxPromptFileBytes = 1024 * 1024;

    public static bool TryRead(PSCmdlet cmdlet, string path, out string? prompt)
    {
        prompt = null;
        foreach (var resolved in FileResolver.Resolve(cmdlet, new[] { path }, literal: true))
        {
            if (resolved.Error is not null)
            {
                cmdlet.WriteError(resolved.Error);
                return false;
            }

            try
            {
                var info = new FileInfo(resolved.Path!);
                if (!info.Exists)
                {
                    throw new GumloopFileException($"The prompt file '{path}' does not exist. Nothing was sent.", path, GumloopFileProblem.NotFound);
                }

                if (info.Length > MaxPromptFileBytes)
                {
                    cmdlet.WriteError(Errors.ErrorMap.Create(
                        new PSArgumentException($"The prompt file '{path}' is {info.Length / 1024.0 / 1024.0:0.#} MB; a system prompt file may be at most 1 MB. Nothing was sent."),
                        Errors.ErrorMap.PayloadTooLarge, ErrorCategory.LimitsExceeded, path, "Pass the prompt text itself with -SystemPrompt, or shorten the file."));
                    return false;
                }

                // UTF-8 unless the file carries a byte-order mark of another encoding.
                prompt = File.ReadAllText(info.FullName);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                cmdlet.WriteError(Errors.ErrorMap.ToErrorRecord(new GumloopFileException($"Could not read the prompt file '{path}': {ex.Message}", path, GumloopFileProblem.Unreadable, ex), path));
                return false;
            }
            catch (GumloopFileException ex)
            {
                cmdlet.WriteError(Errors.ErrorMap.ToErrorRecord(ex, path));
                return false;
            }
        }

        return false;
    }
}
