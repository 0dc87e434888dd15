using GumloopPS.Core;

namespace GumloopPS.Errors;

/// <summary>
/// A connection setting is unusable. <see cref="Setting"/> names where it came from (an environment variable
/// such as GUMLOOP_BASE_URL, or a Connect-Gumloop parameter), and the message starts with it, so the user
/// knows which value to fix.
/// </summary>
public sealed class GumloopConfigurationException : GumloopException
{
    public GumloopConfigurationException(string setting, string message, System.Exception? innerException = null)
        : base(setting + ": " + message, innerException)
    {
        Setting = setting;
    }

    public string Setting { get; }
}
