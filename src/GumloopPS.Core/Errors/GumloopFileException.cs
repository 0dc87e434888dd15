using System;
using System.Globalization;

namespace GumloopPS.Core;

public enum GumloopFileProblem
{
    NotFound,
    IsDirectory,
    Unreadable,
    TooLarge,

    /// <summary>A FIFO, device, socket or other special file: only regular files are uploaded.</summary>
    NotRegularFile,
}

/// <summary>A local file cannot be uploaded. Raised before any request is sent for it.</summary>
public sealed class GumloopFileException : GumloopException
{
    public GumloopFileException(string message, string path, GumloopFileProblem problem, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public GumloopFileProblem Problem { get; }

    /// <summary>The file's size, for <see cref="GumloopFileProblem.TooLarge"/>.</summary>
    public long? Length { get; set; }

    internal static GumloopFileException TooLarge(string path, long length) =>
        new GumloopFileException(
            string.Format(
                CultureInfo.InvariantCulture,
                "The file '{0}' is {1:0.#} MB; Gumloop accepts session files of at most {2} MB. Nothing was uploaded.",
                path,
                length / (1024.0 * 1024.0),
                SessionFiles.MaxFileBytes / (1024 * 1024)),
            path,
            GumloopFileProblem.TooLarge)
        {
            Length = length,
        };
}
