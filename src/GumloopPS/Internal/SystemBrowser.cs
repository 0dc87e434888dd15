using System;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GumloopPS.Internal;

/// <summary>
/// Opens a URL in the user's browser: the shell on Windows, <c>open</c> on macOS, and on Linux the command in
/// <c>$BROWSER</c> (the convention Python's webbrowser and git follow) or else <c>xdg-open</c>.
/// </summary>
internal static class SystemBrowser
{
    public const string BrowserVariable = "BROWSER";

    /// <summary>Starts the browser; throws when no browser could be started.</summary>
    public static void Open(Uri uri)
    {
        string url = uri.AbsoluteUri;
        ProcessStartInfo start;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            start = new ProcessStartInfo(url) { UseShellExecute = true };
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            start = new ProcessStartInfo("open", Quote(url)) { UseShellExecute = false };
        }
        else
        {
            // $BROWSER may list several commands separated by ':'; the first is the user's choice.
            string? configured = Environment.GetEnvironmentVariable(BrowserVariable);
            string command = string.IsNullOrWhiteSpace(configured) ? "xdg-open" : configured!.Split(':')[0].Trim();
            start = new ProcessStartInfo(command, Quote(url)) { UseShellExecute = false };
        }

        using Process? process = Process.Start(start);
        if (process is null && !start.UseShellExecute)
        {
            throw new InvalidOperationException($"'{start.FileName}' did not start.");
        }
    }

    // An absolute URI is already percent-encoded, so it holds no quote or space; the quotes keep '&' literal.
    private static string Quote(string url) => "\"" + url + "\"";
}
