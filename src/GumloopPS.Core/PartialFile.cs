using System;
using System.IO;
using System.Threading.Tasks;

namespace GumloopPS.Core;

/// <summary>
/// Saves a file under a temporary name beside its destination and moves it into place only once it is complete, so
/// a failed or cancelled download never leaves a partial file under the final name. The temporary name sits in the
/// same folder, so the move stays on one volume.
/// </summary>
internal static class PartialFile
{
    /// <summary>A fresh temporary name beside <paramref name="destination"/>.</summary>
    public static string Beside(string destination) => destination + ".partial-" + Guid.NewGuid().ToString("N").Substring(0, 8);

    /// <summary>
    /// Writes <paramref name="destination"/> through <paramref name="write"/>, which is handed the temporary path to
    /// fill. An existing file is replaced only with <paramref name="overwrite"/>; without it the move fails with an
    /// <see cref="IOException"/> and the existing file is kept. The temporary file never outlives the call.
    /// </summary>
    public static async Task<FileInfo> SaveAsync(string destination, bool overwrite, Func<string, Task> write)
    {
        string full = Path.GetFullPath(destination);
        Directory.CreateDirectory(Path.GetDirectoryName(full) ?? ".");
        string partial = Beside(full);
        try
        {
            await write(partial).ConfigureAwait(false);
            MoveIntoPlace(partial, full, overwrite);
            return new FileInfo(full);
        }
        finally
        {
            TryDelete(partial);
        }
    }

    /// <summary><see cref="SaveAsync"/> for bytes already in memory.</summary>
    public static FileInfo Save(string destination, byte[] bytes, bool overwrite)
    {
        // Nothing in the write awaits, so the task has completed when it is returned.
        return SaveAsync(destination, overwrite, partial =>
        {
            File.WriteAllBytes(partial, bytes);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
    }

    /// <summary>Moves a complete temporary file to its final name, replacing what is there only with <paramref name="overwrite"/>.</summary>
    public static void MoveIntoPlace(string partial, string destination, bool overwrite)
    {
        if (overwrite && File.Exists(destination))
        {
            File.Delete(destination);
        }

        File.Move(partial, destination);
    }

    /// <summary>Deletes a file if it is there; a file that cannot be deleted is left rather than hiding the failure that matters.</summary>
    public static void TryDelete(string? path)
    {
        if (path == null || !File.Exists(path))
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
        }
    }
}
