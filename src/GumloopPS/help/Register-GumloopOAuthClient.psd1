@{
    Synopsis    = 'Registers an OAuth client for interactive sign-in and returns its client id.'
    Description = @'
Register-GumloopOAuthClient wraps Gumloop's dynamic client registration (POST /oauth/register on the root host, the base URI without /api/v1). It registers a public client (no client secret; token_endpoint_auth_method none) for the authorization_code and refresh_token grants with the redirect URIs and scopes you give, and writes the new client id to the pipeline. Pass that id to Connect-Gumloop -Interactive -ClientId, or put it in GUMLOOP_OAUTH_CLIENT_ID.

Gumloop registers OAuth clients by invitation: organisations that are not allowed dynamic registration get a GumloopOAuthRegistrationFailed error and should ask Gumloop support for a client id instead. Registration needs no credential; the host comes from -BaseUri, else the base URI of -Connection or of the default connection, else GUMLOOP_BASE_URL, else https://api.gumloop.com.

Loopback redirect URIs (http://127.0.0.1:<port>/callback) are what Connect-Gumloop -Interactive listens on; Gumloop accepts a loopback redirect on any port once its path is registered.
'@
    Parameters  = @{
        Name        = 'The client name shown to users on the consent page, for example the name of your team''s console.'
        RedirectUri = 'One or more redirect URIs. For Connect-Gumloop -Interactive use a loopback address with a port, for example http://127.0.0.1:8765/callback.'
        Scope       = 'The scopes the client may ask for. Default gumloop_api and userinfo.'
        BaseUri     = 'The API base URI whose root host serves /oauth/register. Defaults to the connection''s base URI, GUMLOOP_BASE_URL, or https://api.gumloop.com/api/v1.'
        Connection  = 'A connection whose base URI (and retry and timeout settings) the registration uses. No credential is sent.'
        MaxRetryCount    = 'How many times to retry a registration that was answered 429, or whose connection failed before anything was sent. A registration the server may have acted on is never repeated, so it cannot create two clients. Default: the connection''s setting, else 3.'
        MaxRetryDelaySec = 'The longest wait, in seconds, between two retries. Default: the connection''s setting, else 60.'
        TimeoutSec       = 'How long, in seconds, the registration request may take before it fails with GumloopTimeout. Default: the connection''s setting, else 90.'
    }
    Examples    = @(
        @{
            Title   = 'Register a client and sign in with it'
            Code    = @'
$clientId = Register-GumloopOAuthClient -Name 'Renewals Console' -RedirectUri 'http://127.0.0.1:8765/callback'
Connect-Gumloop -Interactive -ClientId $clientId
'@
            Remarks = 'Registers a public client for the default loopback redirect, then signs in with the browser.'
        }
        @{
            Title   = 'See what would be registered'
            Code    = @'
Register-GumloopOAuthClient -Name 'Ops scripts' -RedirectUri 'http://127.0.0.1:47100/callback' -Scope gumloop_api -WhatIf
'@
            Remarks = 'Shows the registration request without sending it.'
        }
    )
    Outputs     = @{
        'System.String' = 'The client id of the new OAuth client.'
    }
    Links       = @('Connect-Gumloop', 'Disconnect-Gumloop')
}
