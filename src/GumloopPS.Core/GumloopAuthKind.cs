namespace GumloopPS.Core;

public enum GumloopAuthKind
{
    ApiKey,
    TeamKey,
    AccessToken,
}
