@{
    Synopsis    = 'Creates a Gumloop connection object without changing the default connection.'
    Description = @'
New-GumloopConnection takes the same parameters as Connect-Gumloop and builds a connection the same way (from parameters, the GUMLOOP_* environment variables or, at an interactive prompt, by asking), but it only returns the connection. The default connection of the runspace stays as it was, so a script can work with two accounts, two teams or two hosts at once by passing each object to -Connection.

With -Validate a rejected credential is a non-terminating GumloopValidationFailed error and nothing is returned.
'@
    Parameters  = @{
        ApiKey           = 'A personal or team API key (Gumloop settings > API), as a SecureString. A personal key needs -UserId, the id of the user who owns the key. A team key needs -TeamId and also -UserId, the id of the team member the calls act as; without a user id the service answers 401. Accepts input by property name, so the object from Start-GumloopSimulator binds to it.'
        UserId           = 'The Gumloop user id, sent as the x-auth-key header on every request. With a personal key it is the owner of the key; with a team key (-TeamId) it is the team member the calls act as, and is required too. With -AccessToken it is optional and only recorded on the connection, because the token identifies the user.'
        AccessToken      = 'An OAuth 2.0 access token with the gumloop_api scope, as a SecureString. No x-auth-key header is sent with a token. Tokens expire (typically after an hour); connect again with a fresh token when calls start failing with GumloopUnauthorized.'
        Credential       = 'A PSCredential whose user name is the Gumloop user id and whose password is the API key. This is the shape of an Azure Automation credential asset, so a runbook can pass (Get-AutomationPSCredential -Name Gumloop) directly. Add -TeamId when the password is a team key.'
        TeamId           = 'The team (project) id. With an API key it marks the key as a team key, and the id is sent as the team_id query parameter on every request. It is never taken from the pipeline, so piping a simulator object cannot turn a personal key into a team key by accident.'
        BaseUri          = 'The base URI of the API. Defaults to https://api.gumloop.com/api/v1, or GUMLOOP_BASE_URL when reading the environment. Point it at a proxy, a private deployment or the simulator.'
        StreamBaseUri    = 'The base URI for streaming requests. Defaults to the base URI with api.gumloop.com replaced by ws.gumloop.com, or to the base URI itself for any other host; GUMLOOP_STREAM_URL sets it from the environment.'
        TimeoutSec       = 'How long, in seconds, a single HTTP request may take before it fails with a GumloopTimeout (OperationTimeout) error. Default 90. This is per request: a whole wait (-Wait, Wait-GumloopSession, Wait-GumloopFlowRun) is limited by their -WaitTimeoutSec.'
        MaxRetryCount    = 'The default number of retries for a request that failed with 429, 502, 503, 504 or a network error, for every cmdlet that uses this connection. Default 3; 0 turns retries off. Each API cmdlet can override it with its own -MaxRetryCount.'
        MaxRetryDelaySec = 'The longest wait, in seconds, between two retries, including a Retry-After sent by the server. Default 60.'
        MaxResponseSizeMB = 'The largest response body, in MB, that a cmdlet reads into memory; a bigger one fails with a GumloopInvalidResponse (InvalidResult) error as soon as the limit is passed, so a runaway or hostile response cannot exhaust a runbook''s memory. Default 128, which holds a transcript of several hundred thousand messages; raise it for very large flow files.'
        Validate         = 'Checks the credentials before saving the connection, with one GET /models request. A rejected key writes a non-terminating AuthenticationError (GumloopValidationFailed) that -ErrorAction controls, and the previous default connection stays in place.'
    }
    Examples    = @(
        @{
            Title   = 'Talk to a second team without replacing the default connection'
            Code    = @'
$other = New-GumloopConnection -ApiKey $teamKey -UserId $me -TeamId 'tm_5c2d8e17' -Validate
Get-GumloopAgent -Connection $other
Get-GumloopAgent
'@
            Remarks = 'The first Get-GumloopAgent lists the second team''s agents; the second still uses the connection Connect-Gumloop made.'
        }
        @{
            Title   = 'A connection to the simulator next to the real one'
            Code    = @'
$sim = Start-GumloopSimulator
$offline = $sim | New-GumloopConnection
Get-GumloopSession -AgentId (Get-GumloopAgent -Connection $offline)[0].Id -Connection $offline
'@
            Remarks = 'The simulator object binds to -ApiKey, -UserId, -BaseUri and -StreamBaseUri by property name.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.GumloopConnection' = 'The new connection.'
    }
    Links       = @('Connect-Gumloop', 'Get-GumloopConnection', 'Disconnect-Gumloop')
}
