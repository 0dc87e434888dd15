@{
    Synopsis    = 'Sets the Gumloop connection that GumloopPS cmdlets in this runspace use by default.'
    Description = @'
Connect-Gumloop builds a connection to the Gumloop API from a personal API key and user id, a team key, an OAuth access token or a PSCredential, and makes it the default for every GumloopPS cmdlet in the current runspace. Other runspaces (ForEach-Object -Parallel, thread jobs) do not see it; pass the object from -PassThru to their -Connection parameter.

With no credential parameter it reads the environment: GUMLOOP_API_KEY (with GUMLOOP_USER_ID) or GUMLOOP_ACCESS_TOKEN, plus GUMLOOP_TEAM_ID, GUMLOOP_BASE_URL and GUMLOOP_STREAM_URL. A variable that cannot be used (for example a GUMLOOP_BASE_URL that is not an https URL) fails with GumloopInvalidConfiguration, and the message names the variable. When none of these is set, an interactive prompt asks for the user id and the API key (the key without echo, as a SecureString); a runbook, job or `pwsh -NonInteractive` has nobody to ask, so there it fails with the error id GumloopNoCredential and advice.

A team key acts as one member of the team: pass -TeamId and also -UserId with that member's user id. Without a user id the service answers 401.

Connect-Gumloop sends no request unless you add -Validate, which checks the credentials with one cheap call (GET /models). A rejected key is a non-terminating AuthenticationError (GumloopValidationFailed): the previous default connection stays, nothing is written, and -ErrorAction decides what happens next (Stop throws, SilentlyContinue hides it, -ErrorVariable collects it). Without -Validate, a wrong key shows up on the first real call as GumloopUnauthorized.

To make a second connection without replacing the default, use New-GumloopConnection, which takes the same parameters.

The secret is kept as a SecureString until it is put into the Authorization header of the connection's HTTP client, and it never appears in the connection's properties, its ToString() or error messages; MaskedKey shows only its last four characters.

With -Interactive it signs you in with a browser instead: the OAuth 2.0 authorization-code flow with PKCE (S256), as the official Gumloop CLI does. It listens on the loopback redirect URI (default http://127.0.0.1:8765/callback), opens the authorize page of the root host (the base URI without /api/v1) in the system browser, or with -NoBrowser prints its URL, checks the state value of the redirect and exchanges the code for an access token and a refresh token. The connection then renews the access token by itself shortly before it expires and once after a 401; cmdlets running in parallel on the connection share one renewal. If the renewal is refused, cmdlets fail with an AuthenticationError (GumloopSignInExpired) that asks you to sign in again. Disconnect-Gumloop revokes the sign-in. Neither the tokens nor the code are ever written to any stream, error or property.

The OAuth client id comes from -ClientId or GUMLOOP_OAUTH_CLIENT_ID: Gumloop registers OAuth clients on request. A denied consent fails with GumloopSignInDenied, no answer within -SignInTimeoutSec with GumloopSignInTimeout, and Ctrl+C stops the wait at once.

Running Connect-Gumloop again replaces the default connection. Start-GumloopSimulator returns an object that can be piped straight into Connect-Gumloop to work offline.
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
        Interactive      = 'Signs in with a browser (OAuth 2.0 authorization code with PKCE) instead of a key or token. Needs an OAuth client id from -ClientId or GUMLOOP_OAUTH_CLIENT_ID.'
        ClientId         = 'The OAuth client id registered for your organisation. Defaults to the GUMLOOP_OAUTH_CLIENT_ID environment variable; there is no built-in default because Gumloop registers clients on request.'
        Scope            = 'The OAuth scopes to ask for. Default gumloop_api and userinfo; gumloop_api is what the API cmdlets need.'
        RedirectUri      = 'The loopback redirect URI registered for the client, where a listener waits for the browser to come back. Must be http on 127.0.0.1, localhost or ::1 with a port. Default http://127.0.0.1:8765/callback.'
        NoBrowser        = 'Prints the authorize URL instead of opening a browser, like the official CLI''s --no-browser; open it in a browser on the same computer, because the redirect goes to a loopback address.'
        SignInTimeoutSec = 'How long, in seconds, to wait for the browser to come back before failing with GumloopSignInTimeout. Default 300.'
        PassThru         = 'Writes the new connection object to the pipeline, so it can be saved and passed to -Connection (for example in ForEach-Object -Parallel or when a script talks to two teams).'
    }
    Examples    = @(
        @{
            Title   = 'Connect with a personal API key'
            Code    = @'
$key = Read-Host -AsSecureString -Prompt 'Gumloop API key'
Connect-Gumloop -ApiKey $key -UserId '9vQeL2mXr4TzKw7NcB1sHp0aYu3D' -Validate
'@
            Remarks = 'Prompts for the key without echoing it, checks it with one request and makes the connection the default for this session.'
        }
        @{
            Title   = 'Connect from an Azure Automation runbook'
            Code    = @'
Connect-Gumloop -Credential (Get-AutomationPSCredential -Name Gumloop) -Validate
Get-GumloopAgent | Select-Object Id, Name, IsActive
'@
            Remarks = 'The Automation credential asset named Gumloop holds the user id as its user name and the API key as its password.'
        }
        @{
            Title   = 'Connect from environment variables in CI'
            Code    = @'
# GUMLOOP_API_KEY and GUMLOOP_USER_ID come from the pipeline's secret store.
Connect-Gumloop -Validate
Get-GumloopConnection
'@
            Remarks = 'With no credential parameter the cmdlet reads the GUMLOOP_* variables. Cmdlets also fall back to them without Connect-Gumloop; connecting first makes a missing or wrong key fail at the start of the job.'
        }
        @{
            Title   = 'Use a team key and keep the connection object'
            Code    = @'
$team = Connect-Gumloop -ApiKey $teamKey -UserId $me -TeamId 'tm_5c2d8e17' -PassThru
1..5 | ForEach-Object -Parallel {
    Get-GumloopAgent -Connection $using:team
}
'@
            Remarks = 'Runspaces started by ForEach-Object -Parallel do not see the default connection, so the object is passed to -Connection.'
        }
        @{
            Title   = 'Sign in with a browser'
            Code    = @'
$env:GUMLOOP_OAUTH_CLIENT_ID = 'oc_6yHk2Tq9WzR4'
Connect-Gumloop -Interactive
Get-GumloopAgent | Select-Object Id, Name
'@
            Remarks = 'Opens the Gumloop sign-in page in the default browser and waits for the redirect on http://127.0.0.1:8765/callback. The connection renews its token by itself until Disconnect-Gumloop revokes it.'
        }
        @{
            Title   = 'Sign in over SSH without starting a browser'
            Code    = @'
Connect-Gumloop -Interactive -ClientId 'oc_6yHk2Tq9WzR4' -NoBrowser -RedirectUri 'http://127.0.0.1:47100/callback' -SignInTimeoutSec 120
'@
            Remarks = 'Prints the authorize URL. Open it in a browser on the same computer (or forward port 47100 over SSH); the command waits up to two minutes.'
        }
        @{
            Title   = 'Work offline against the simulator'
            Code    = @'
$sim = Start-GumloopSimulator
$sim | Connect-Gumloop
Get-GumloopAgent
'@
            Remarks = 'The simulator object carries BaseUri, StreamBaseUri, ApiKey and UserId, which bind to the parameters of the same names.'
        }
    )
    Outputs     = @{
        'GumloopPS.Core.GumloopConnection' = 'With -PassThru, the new connection. Otherwise nothing.'
    }
    Links       = @('New-GumloopConnection', 'Get-GumloopConnection', 'Disconnect-Gumloop', 'Start-GumloopSimulator')
}
