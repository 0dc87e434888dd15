using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace GumloopPS.Internal;

/// <summary>Completes from a fixed list; the lists are the API's documented values, not a closed set.</summary>
public abstract class StaticCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Values { get; }

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Values
            .Where(v => v.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
            .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
    }
}

public sealed class SessionStateCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "idle", "queued", "processing", "approval_required", "completed", "failed" };
}

public sealed class SessionTypeCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "api", "web", "slack", "chat", "triggered" };
}

public sealed class MessageRoleCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "user", "assistant" };
}
