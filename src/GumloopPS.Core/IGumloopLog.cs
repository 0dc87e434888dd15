namespace GumloopPS.Core;

public interface IGumloopLog
{
    void Verbose(string message);
    void Debug(string message);
}

internal sealed class NullGumloopLog : IGumloopLog
{
    public static readonly NullGumloopLog Instance = new NullGumloopLog();

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }
}
