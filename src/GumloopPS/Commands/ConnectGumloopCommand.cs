using System;
using System.Management.Automation;
using System.Security;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsCommunications.Connect, "Gumloop", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(GumloopConnection))]
public sealed partial class ConnectGumloopCommand : GumloopCmdlet
{
    private const string ApiKeySet = "ApiKey";
    private const string AccessTokenSet = "AccessToken";
    private const string CredentialSet = "Credential";
    private const string EnvironmentSet = "Environment";

    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public SecureString? ApiKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = AccessTokenSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? UserId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public SecureString? AccessToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    // Not bound from the pipeline: a simulator object carries a TeamId for its team key, which must not
    // turn a personal-key connection into a team one.
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TeamId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public Uri? StreamBaseUri { get; set; }

    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 90;

    [Parameter]
    [ValidateRange(0, 10)]
    public int MaxRetryCount { get; set; } = 3;

    [Parameter]
    [ValidateRange(0, 3600)]
    public int MaxRetryDelaySec { get; set; } = 60;

    // Hostile or runaway bodies must not exhaust a small runbook sandbox; raise it only for known big transcripts or files.
    [Parameter]
    [ValidateRange(1, 4096)]
    public int MaxResponseSizeMB { get; set; } = (int)(GumloopConnectionOptions.DefaultMaxResponseBytes / (1024 * 1024));

    [Parameter]
    public SwitchParameter Validate { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        GumloopConnectionOptions? options = ParameterSetName switch
        {
            ApiKeySet => new GumloopConnectionOptions
            {
                Secret = ApiKey,
                UserId = UserId,
                AuthKind = TeamId is null ? GumloopAuthKind.ApiKey : GumloopAuthKind.TeamKey,
            },
            AccessTokenSet => new GumloopConnectionOptions { Secret = AccessToken, UserId = UserId, AuthKind = GumloopAuthKind.AccessToken },
            CredentialSet => new GumloopConnectionOptions
            {
                Secret = Credential!.Password,
                UserId = Credential.UserName,
                AuthKind = TeamId is null ? GumloopAuthKind.ApiKey : GumloopAuthKind.TeamKey,
            },
            InteractiveSet => SignInInteractively(),
            _ => ConnectionStore.OptionsFromEnvironment(),
        };

        if (options is null)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException(
                    $"No credential was given. Pass -ApiKey with -UserId, -AccessToken or -Credential, or set {ConnectionStore.ApiKeyVariable} and {ConnectionStore.UserIdVariable} (or {ConnectionStore.AccessTokenVariable})."),
                "GumloopNoCredential",
                ErrorCategory.AuthenticationError,
                null));
            return;
        }

        if (TeamId is not null)
        {
            options.TeamId = TeamId;
            if (options.AuthKind == GumloopAuthKind.ApiKey)
            {
                options.AuthKind = GumloopAuthKind.TeamKey;
            }
        }

        if (BaseUri is not null)
        {
            options.BaseUri = BaseUri;
        }

        if (StreamBaseUri is not null)
        {
            options.StreamBaseUri = StreamBaseUri;
        }

        if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)))
        {
            // Only a chosen timeout is marked as chosen, so routes with a longer default of their own keep it otherwise.
            options.Timeout = TimeSpan.FromSeconds(TimeoutSec);
        }
        options.MaxRetryCount = MaxRetryCount;
        options.MaxRetryDelay = TimeSpan.FromSeconds(MaxRetryDelaySec);
        options.MaxResponseBytes = MaxResponseSizeMB * 1024L * 1024L;

        GumloopConnection connection;
        try
        {
            connection = new GumloopConnection(options);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "GumloopInvalidConnectionSettings", ErrorCategory.InvalidArgument, GumloopConnectionOptions.DisplayOrigin(options.BaseUri)));
            return;
        }

        if (Validate)
        {
            var client = new GumloopClient(connection);
            try
            {
                Run(ct => client.ValidateAsync(ct));
            }
            catch (Exception ex) when (ErrorMap.IsReportable(ex))
            {
                var record = ErrorMap.ToErrorRecord(ex, connection.BaseUri);
                // Whatever the server said, a failed validation is a credential problem from the user's side.
                if (ex is GumloopApiException { StatusCode: 401 or 403 })
                {
                    record = new ErrorRecord(ex, "GumloopValidationFailed", ErrorCategory.AuthenticationError, connection.BaseUri)
                    {
                        ErrorDetails = new ErrorDetails(HostText.Block($"The credentials were rejected: {ex.Message}"))
                        {
                            RecommendedAction = "Check the API key and user id (Gumloop settings > API), then run Connect-Gumloop again.",
                        },
                    };
                }

                connection.Dispose();
                ThrowTerminatingError(record);
                return;
            }
        }

        ConnectionStore.SetDefault(connection, handedOut: PassThru);
        WriteVerbose($"Connected: {connection}");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }
}
