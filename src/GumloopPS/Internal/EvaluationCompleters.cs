using System.Collections.Generic;

namespace GumloopPS.Internal;

/// <summary>The target kinds of Set-GumloopEvaluationTarget; all but organization are followed by an id.</summary>
public sealed class EvaluationTargetCompleter : StaticCompleter
{
    protected override IEnumerable<string> Values => new[] { "organization", "team:", "user:", "agent:" };
}
