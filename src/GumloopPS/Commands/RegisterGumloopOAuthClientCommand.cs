using System;
using System.Linq;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>Dynamic OAuth client registration (POST /oauth/register), for organisations Gumloop allows it.</summary>
[Cmdlet(VerbsLifecycle.Register, "GumloopOAuthClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(string))]
public sealed class RegisterGumloopOAuthClientCommand : GumloopCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public Uri[]? RedirectUri { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(OAuthScopeCompleter))]
    public string[]? Scope { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    // Only its base URI is used: registration takes no credential.
    [Parameter]
    [ValidateNotNull]
    public GumloopConnection? Connection { get; set; }

    protected override void ProcessRecord()
    {
        Uri baseUri = BaseUri ?? Connection?.BaseUri ?? ConnectionStore.GetDefault()?.BaseUri
            ?? ConnectionStore.BaseUriFromEnvironment() ?? GumloopConnectionOptions.DefaultBaseUri;
        foreach (Uri redirect in RedirectUri!)
        {
            if (!redirect.IsAbsoluteUri)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"The redirect URI '{redirect}' is not absolute; pass for example http://127.0.0.1:8765/callback."),
                    ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, redirect));
            }
        }

        GumloopOAuthClient client;
        try
        {
            client = new GumloopOAuthClient(baseUri);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "GumloopInvalidConnectionSettings", ErrorCategory.InvalidArgument, GumloopConnectionOptions.DisplayOrigin(baseUri)));
            return;
        }

        using (client)
        {
            string target = client.RootUri.AbsoluteUri + "oauth/register";
            if (!ShouldProcess(target, $"Register the OAuth client '{Name}' with redirect URIs {string.Join(", ", RedirectUri!.Select(u => u.OriginalString))}"))
            {
                return;
            }

            string scope = Scope is null ? GumloopOAuthClient.DefaultScope : string.Join(" ", Scope);
            OAuthClientRegistration? registration = null;
            try
            {
                Run(async ct => registration = await client.RegisterClientAsync(Name!, RedirectUri!, scope, ct).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                ThrowTerminatingError(ErrorMap.ToErrorRecord(ex, Name));
                return;
            }

            WriteVerbose($"Registered OAuth client '{registration!.ClientName ?? Name}' as {registration.ClientId} (scope {registration.Scope}).");
            WriteObject(registration.ClientId);
        }
    }
}
