using System;
using System.Collections.Generic;

namespace GumloopPS.Core;

/// <summary>
/// Media types by file extension. A fixed table, not the OS registry, so an upload is labelled the same on
/// Windows, Linux and in containers.
/// </summary>
public static class MediaTypes
{
    public const string Default = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".log"] = "text/plain",
        [".md"] = "text/markdown",
        [".csv"] = "text/csv",
        [".tsv"] = "text/tab-separated-values",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".css"] = "text/css",
        [".ics"] = "text/calendar",
        [".json"] = "application/json",
        [".jsonl"] = "application/jsonl",
        [".xml"] = "application/xml",
        [".yaml"] = "application/yaml",
        [".yml"] = "application/yaml",
        [".pdf"] = "application/pdf",
        [".rtf"] = "application/rtf",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        [".tar"] = "application/x-tar",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".eml"] = "message/rfc822",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".svg"] = "image/svg+xml",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".heic"] = "image/heic",
        [".mp3"] = "audio/mpeg",
        [".wav"] = "audio/wav",
        [".m4a"] = "audio/mp4",
        [".ogg"] = "audio/ogg",
        [".mp4"] = "video/mp4",
        [".mov"] = "video/quicktime",
        [".webm"] = "video/webm",
        [".ps1"] = "text/plain",
        [".py"] = "text/x-python",
        [".js"] = "text/javascript",
        [".sql"] = "application/sql",
    };

    /// <summary>The media type for <paramref name="fileName"/>'s extension, or <see cref="Default"/>.</summary>
    public static string FromFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return Default;
        }

        int slash = Math.Max(fileName!.LastIndexOf('/'), fileName.LastIndexOf('\\'));
        int dot = fileName.LastIndexOf('.');
        if (dot <= slash + 1 || dot == fileName.Length - 1)
        {
            return Default;
        }

        return ByExtension.TryGetValue(fileName.Substring(dot), out string? type) ? type : Default;
    }
}
