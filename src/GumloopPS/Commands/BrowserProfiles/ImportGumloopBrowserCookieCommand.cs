using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Imports exported sign-in cookies into a browser profile (POST /browser-profiles/{id}/cookies). Cookie values are
/// secrets: the prompt, verbose text and errors name the file, the number of cookies and their sites, never a value.
/// </summary>
[Cmdlet(VerbsData.Import, "GumloopBrowserCookie", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BrowserCookieImport))]
public sealed class ImportGumloopBrowserCookieCommand : GumloopApiCmdlet
{
    /// <summary>Largest cookie file read; a browser's whole cookie jar is well under this.</summary>
    private const long MaxCookieFileBytes = 16L * 1024 * 1024;

    // A profile id, or 'default' for the owner's default profile (created if needed). Binds from piped profiles.
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrowserProfileIdCompleter))]
    public string ProfileId { get; set; } = GumloopBrowserProfileClient.DefaultProfile;

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("CookieFile")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, GumloopBrowserProfileClient.MaxUrlLength)]
    public string? Url { get; set; }

    // Binds from a piped team profile, whose owner is the team.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TeamIdCompleter))]
    public string? TeamId { get; set; }

    protected override void ProcessRecord()
    {
        string profileId = ProfileId;
        string path = Path!;
        string? teamId = string.IsNullOrWhiteSpace(TeamId) ? null : TeamId;
        if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttps && site.Scheme != Uri.UriSchemeHttp)))
        {
            WriteError(ErrorMap.Create(new PSArgumentException($"-Url '{Url}' is not an absolute http(s) URL."), ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, profileId,
                "Give the site whose sign-in to import, for example -Url https://mail.google.com."));
            return;
        }

        JsonList cookies;
        string full;
        try
        {
            full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            var info = LocalFileKind.RequireRegularFile(full);
            if (info.Length > MaxCookieFileBytes)
            {
                throw new GumloopFileException($"The cookie file '{path}' is larger than {MaxCookieFileBytes / (1024 * 1024)} MB; export only the sites you need.", path, GumloopFileProblem.TooLarge) { Length = info.Length };
            }

            cookies = GumloopBrowserProfileClient.ParseCookieFile(File.ReadAllText(info.FullName), path);
        }
        catch (GumloopFileException ex) when (ex.Problem == GumloopFileProblem.TooLarge)
        {
            WriteError(ErrorMap.Create(ex, ErrorMap.PayloadTooLarge, ErrorCategory.LimitsExceeded, path, "Export the cookies of the sites you need only. Nothing was sent."));
            return;
        }
        catch (ArgumentException ex)
        {
            // The parser's messages name the file and a position, never the content.
            WriteError(ErrorMap.Create(ex, ErrorMap.InvalidArgument, ErrorCategory.InvalidData, path,
                "Export the cookies as JSON: an array of cookie objects in Chrome extension or DevTools shape (name, value, domain, ...). Nothing was sent."));
            return;
        }
        catch (Exception ex) when (IsReportable(ex) || ex is IOException or UnauthorizedAccessException or ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException)
        {
            WriteError(ex is GumloopException
                ? ErrorMap.ToErrorRecord(ex, path)
                : ErrorMap.ToErrorRecord(new GumloopFileException($"The cookie file '{path}' cannot be read: {ex.Message}", path, GumloopFileProblem.Unreadable, ex), path));
            return;
        }

        var domains = GumloopBrowserProfileClient.CookieDomains(cookies);
        string sites = domains.Count == 0 ? "no named sites" : string.Join(", ", domains.Take(5)) + (domains.Count > 5 ? $" and {domains.Count - 5} more" : string.Empty);
        string what = Url is not null
            ? $"Import the cookies for {new Uri(Url).Host} from {cookies.Count} in {full}, replacing that site's sign-in"
            : $"Import {cookies.Count} cookie{(cookies.Count == 1 ? string.Empty : "s")} for {sites} from {full}, replacing those sites' sign-ins";
        string target = $"browser profile {profileId}" + (teamId is null ? string.Empty : $" of team {teamId}");
        if (!ShouldProcessText(target, what))
        {
            return;
        }

        Run(async ct =>
        {
            try
            {
                Emit(await Client.ImportBrowserCookiesAsync(profileId, cookies, Url, teamId, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, profileId);
            }
        });
    }
}
