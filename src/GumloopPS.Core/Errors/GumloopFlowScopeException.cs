using System;
using System.Collections.Generic;
using System.Linq;

namespace GumloopPS.Core;

/// <summary>The connection has neither a user id nor a team id, and flow endpoints need one of them.</summary>
public sealed class GumloopFlowScopeException : GumloopException
{
    public GumloopFlowScopeException()
        : base("Flow endpoints need a user id (user_id) or a team id (project_id), and the connection has neither. Connect with -UserId, or with -TeamId for team flows.")
    {
    }
}
