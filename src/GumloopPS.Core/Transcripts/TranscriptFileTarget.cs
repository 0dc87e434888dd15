using System;
using System.IO;

namespace GumloopPS.Core;

/// <summary>
/// A transcript file being written: the content goes to a hidden temporary file next to the target, which becomes
/// the target only on <see cref="Commit"/>. A failed or stopped export therefore leaves no half-written file,
/// and an existing file is replaced only when overwriting was allowed.
/// </summary>
public sealed class TranscriptFileTarget : IDisposable
{
    private readonly bool _overwrite;
    private FileStream? _stream;
    private bool _committed;

    private TranscriptFileTarget(string path, string tempPath, FileStream stream, bool overwrite)
    {
        Path = path;
        TempPath = tempPath;
        _stream = stream;
        _overwrite = overwrite;
    }

    public string Path { get; }

    internal string TempPath { get; }

    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(TranscriptFileTarget));

    /// <summary>Starts writing <paramref name="path"/>, creating its folder; refuses an existing file unless <paramref name="overwrite"/>.</summary>
    public static TranscriptFileTarget Create(string path, bool overwrite)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new GumloopTranscriptException($"'{full}' is a folder; give a file path.", full, TranscriptProblem.WrongKindOfPath);
        }

        if (!overwrite && File.Exists(full))
        {
            throw GumloopTranscriptException.Exists(full);
        }

        string folder = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("n").Substring(0, 8) + ".tmp");
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
        return new TranscriptFileTarget(full, temp, stream, overwrite);
    }

    /// <summary>Closes the temporary file and moves it to the target path.</summary>
    public FileInfo Commit()
    {
        FileStream stream = _stream ?? throw new ObjectDisposedException(nameof(TranscriptFileTarget));
        stream.Flush(flushToDisk: false);
        stream.Dispose();
        _stream = null;
        if (_overwrite && File.Exists(Path))
        {
            // Replace renames over the target, so a symbolic link there is replaced, never followed.
            File.Replace(TempPath, Path, destinationBackupFileName: null);
        }
        else
        {
            try
            {
                // Without overwrite, Move fails if the target appeared meanwhile, rather than replace it.
                File.Move(TempPath, Path);
            }
            catch (IOException) when (File.Exists(Path))
            {
                TryDelete(TempPath);
                throw GumloopTranscriptException.Exists(Path);
            }
        }

        _committed = true;
        return new FileInfo(Path);
    }

    /// <summary>Deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            TryDelete(TempPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
