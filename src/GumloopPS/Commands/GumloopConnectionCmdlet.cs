using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// The credential and connection parameters shared by Connect-Gumloop and New-GumloopConnection, and the one
/// place that turns them into a connection: environment fallback, the interactive prompt, -Validate.
/// </summary>
public abstract class GumloopConnectionCmdlet : GumloopCmdlet
{
    protected const string ApiKeySet = "ApiKey";
    protected const string AccessTokenSet = "AccessToken";
    protected const string CredentialSet = "Credential";
    protected const string EnvironmentSet = "Environment";

    private const string UserIdHelp =
        "The Gumloop user id. For a personal key, the key owner's; for a team key (-TeamId), the id of the team member the calls act as.";

    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNull]
    public SecureString? ApiKey { get; set; }

    // A team key also needs a user id: the server answers 401 without one (it acts as that member).
    [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, ValueFromPipelineByPropertyName = true, HelpMessage = UserIdHelp)]
    [Parameter(ParameterSetName = AccessTokenSet, ValueFromPipelineByPropertyName = true, HelpMessage = UserIdHelp)]
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

    /// <summary>
    /// Builds (and with -Validate checks) a connection from the bound parameters. Returns null after writing a
    /// non-terminating error when validation failed; throws a terminating error for unusable settings.
    /// </summary>
    /// <summary>Options for a parameter set that a derived cmdlet adds (Connect-Gumloop -Interactive); null for the shared sets.</summary>
    protected virtual GumloopConnectionOptions? OptionsForOwnParameterSet() => null;

    protected GumloopConnection? BuildConnection()
    {
        GumloopConnectionOptions? options;
        try
        {
            options = ParameterSetName switch
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
                _ => OptionsForOwnParameterSet() ?? ConnectionStore.OptionsFromEnvironment() ?? PromptForCredential(),
            };
        }
        catch (GumloopConfigurationException ex)
        {
            ThrowTerminatingError(ErrorMap.ToErrorRecord(ex, ex.Setting));
            return null;
        }

        if (options is null)
        {
            ThrowTerminatingError(ErrorMap.Create(
                new PSArgumentException(
                    $"No credential was given. Pass -ApiKey with -UserId, -AccessToken or -Credential, or set {ConnectionStore.ApiKeyVariable} and {ConnectionStore.UserIdVariable} (or {ConnectionStore.AccessTokenVariable})."),
                ErrorMap.NoCredential,
                ErrorCategory.AuthenticationError,
                null,
                $"In a runbook, set {ConnectionStore.ApiKeyVariable} and {ConnectionStore.UserIdVariable}, or pass -Credential (user name = user id, password = API key). At an interactive prompt, Connect-Gumloop with no arguments asks for both."));
            return null;
        }

        bool fromEnvironment = ParameterSetName == EnvironmentSet && !_prompted;
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
            string setting = SettingName(ex.ParamName, fromEnvironment && !IsBoundByUser(ex.ParamName));
            var problem = new GumloopConfigurationException(setting, ErrorMap.UserMessage(ex, null), ex);
            var target = GumloopConnectionOptions.DisplayOrigin(options.BaseUri);
            ThrowTerminatingError(setting.StartsWith("GUMLOOP_", StringComparison.Ordinal)
                ? ErrorMap.ToErrorRecord(problem, setting)
                : ErrorMap.Create(problem, ErrorMap.InvalidConnectionSettings, ErrorCategory.InvalidArgument, target,
                    "Correct the named parameter and run the command again."));
            return null;
        }

        if (Validate && !TryValidate(connection))
        {
            connection.Dispose();
            return null;
        }

        return connection;
    }

    private bool _prompted;

    /// <summary>
    /// At an interactive prompt with nothing configured, asks for the user id and the key (read as a SecureString)
    /// instead of failing; in a runbook there is nobody to answer, so it returns null and the caller fails with advice.
    /// </summary>
    private GumloopConnectionOptions? PromptForCredential()
    {
        if (!GumloopApiCmdlet.IsInteractiveHost(Host))
        {
            return null;
        }

        var userField = new FieldDescription("UserId") { HelpMessage = UserIdHelp };
        userField.SetParameterType(typeof(string));
        var keyField = new FieldDescription("ApiKey") { HelpMessage = "The API key (Gumloop settings > API). It is read without echo and kept as a SecureString." };
        keyField.SetParameterType(typeof(SecureString));
        var fields = new Collection<FieldDescription> { userField, keyField };
        var answers = Host.UI.Prompt(
            "Connect to Gumloop",
            $"No credential was given and neither {ConnectionStore.ApiKeyVariable} nor {ConnectionStore.AccessTokenVariable} is set. Enter your user id and API key (for a team key, add -TeamId and enter the acting member's user id).",
            fields);
        string? userId = Unwrap(answers, "UserId") as string;
        var key = Unwrap(answers, "ApiKey") as SecureString;
        if (string.IsNullOrWhiteSpace(userId) || key is null || key.Length == 0)
        {
            return null;
        }

        _prompted = true;
        return new GumloopConnectionOptions
        {
            Secret = key,
            UserId = userId!.Trim(),
            AuthKind = TeamId is null ? GumloopAuthKind.ApiKey : GumloopAuthKind.TeamKey,
        };
    }

    private static object? Unwrap(System.Collections.Generic.Dictionary<string, PSObject>? answers, string name) =>
        answers is not null && answers.TryGetValue(name, out var value) ? value?.BaseObject : null;

    /// <summary>
    /// A failed validation is a non-terminating error, so -ErrorAction decides: SilentlyContinue hides it, Stop
    /// throws it, and the previous default connection is kept either way.
    /// </summary>
    private bool TryValidate(GumloopConnection connection)
    {
        var client = new GumloopClient(connection);
        try
        {
            Run(ct => client.ValidateAsync(ct));
            return true;
        }
        catch (Exception ex) when (ErrorMap.IsReportable(ex))
        {
            var record = ErrorMap.ToErrorRecord(ex, connection.BaseUri);
            // Whatever the server said, a failed validation is a credential problem from the user's side.
            if (ex is GumloopApiException { StatusCode: 401 or 403 })
            {
                record = ErrorMap.Create(ex, ErrorMap.ValidationFailed, ErrorCategory.AuthenticationError, connection.BaseUri,
                    "Check the API key and user id (Gumloop settings > API); a team key needs -TeamId and the acting member's -UserId. Then run Connect-Gumloop (or New-GumloopConnection) again.");
                record.ErrorDetails = new ErrorDetails($"The credentials were rejected: {ex.Message}")
                {
                    RecommendedAction = record.ErrorDetails.RecommendedAction,
                };
            }

            WriteError(record);
            return false;
        }
    }

    private bool IsBoundByUser(string? paramName) =>
        paramName is "BaseUri" ? BaseUri is not null : paramName is "StreamBaseUri" ? StreamBaseUri is not null : paramName is "TeamId" && TeamId is not null;

    /// <summary>Where a rejected setting came from: the environment variable, or the parameter the user typed.</summary>
    private static string SettingName(string? paramName, bool fromEnvironment) => (paramName, fromEnvironment) switch
    {
        ("BaseUri" or "StreamBaseUri" or "UserId" or "TeamId" or "Secret", true) => ConnectionStore.EnvironmentVariableFor(paramName),
        ("Secret", false) => "-ApiKey or -AccessToken",
        ("Timeout", _) => "-TimeoutSec",
        ("MaxRetryDelay", _) => "-MaxRetryDelaySec",
        ("MaxResponseBytes", _) => "-MaxResponseSizeMB",
        (null or "", _) => "the connection settings",
        _ => "-" + paramName,
    };
}
