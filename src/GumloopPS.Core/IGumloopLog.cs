namespace GumloopPS.Core;

public interface IGumloopLog
{
    void Verbose(string message);
    void Debug(string message);
}

/// <summary>
/// Lets a log say up front that it drops a level, so the client does not format per-request messages (and the
/// header dump) that nobody will see. A log without it gets every message.
/// </summary>
internal interface IGumloopLogLevels
{
    bool VerboseEnabled { get; }
    bool DebugEnabled { get; }
}

internal sealed class NullGumloopLog : IGumloopLog, IGumloopLogLevels
{
    public static readonly NullGumloopLog Instance = new NullGumloopLog();

    public bool VerboseEnabled => false;

    public bool DebugEnabled => false;

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }
}
