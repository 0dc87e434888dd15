using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Internal;

/// <summary>Raised when no -Connection, default connection or environment credential exists.</summary>
public sealed class GumloopNotConnectedException : InvalidOperationException
{
    public GumloopNotConnectedException()
        : base("You are not connected to Gumloop. Run Connect-Gumloop, pass -Connection, or set GUMLOOP_API_KEY and GUMLOOP_USER_ID (or GUMLOOP_ACCESS_TOKEN).")
    {
    }
}
