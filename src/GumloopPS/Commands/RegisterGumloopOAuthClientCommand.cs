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
// Of -Connection only the base URI and retry settings are used: registration takes no credential.
public sealed class RegisterGumloopOAuthClientCommand : GumloopApiCmdlet
{
    // Registration sends no credential, so it needs no connection: the client is never made.
    protected override void BeginProcessing()
    {
    }

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

    protected override void ProcessRecord()
    {
        GumloopConnection? known = Connection ?? ConnectionStore.GetDefault();
        Uri baseUri = BaseUri ?? known?.BaseUri ?? ConnectionStore.BaseUriFromEnvironment() ?? GumloopConnectionOptions.DefaultBaseUri;
        int maxRetries = MaxRetryCount ?? known?.MaxRetryCount ?? 3;
        TimeSpan maxDelay = TimeSpan.FromSeconds(MaxRetryDelaySec ?? known?.MaxRetryDelaySec ?? 60);
        TimeSpan timeout = TimeSpan.FromSeconds(TimeoutSec ?? (known is { TimeoutSec: > 0 } ? known.TimeoutSec : 90));
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
            client = new GumloopOAuthClient(baseUri, timeout);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ErrorMap.Create(ex, ErrorMap.InvalidConnectionSettings, ErrorCategory.InvalidArgument, GumloopConnectionOptions.DisplayOrigin(baseUri)));
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
                Run(async ct => registration = await RegisterWithRetriesAsync(client, scope, maxRetries, maxDelay, ct).ConfigureAwait(false));
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

    /// <summary>
    /// A registration creates a client, so it is retried only where the server cannot have acted on it: 429, and a
    /// connection that failed before anything was sent (the same rule as any other state-changing request).
    /// </summary>
    private async System.Threading.Tasks.Task<OAuthClientRegistration> RegisterWithRetriesAsync(
        GumloopOAuthClient client, string scope, int maxRetries, TimeSpan maxDelay, System.Threading.CancellationToken ct)
    {
        var random = new Random();
        for (int attempt = 0; ; attempt++)
        {
            string? reason;
            try
            {
                return await client.RegisterClientAsync(Name!, RedirectUri!, scope, ct).ConfigureAwait(false);
            }
            catch (GumloopOAuthException ex) when (attempt < maxRetries && RetryPolicy.ShouldRetryStatus(GumloopRequestKind.Other, ex.StatusCode))
            {
                reason = "HTTP " + ex.StatusCode;
            }
            catch (GumloopNetworkException ex) when (attempt < maxRetries && RetryPolicy.ShouldRetryConnectionFailure(GumloopRequestKind.Other, ex.RequestSent))
            {
                reason = "connection failed";
            }

            TimeSpan delay = RetryPolicy.ComputeDelay(attempt, null, maxDelay, random.NextDouble());
            EmitVerbose($"POST oauth/register -> {reason}; retry {attempt + 1}/{maxRetries} in {delay.TotalSeconds:0.###} s");
            await System.Threading.Tasks.Task.Delay(delay, ct).ConfigureAwait(false);
        }
    }
}
