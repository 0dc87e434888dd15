using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Errors;

namespace GumloopPS.Commands;

/// <summary>
/// Shared -Stream behaviour of Send-GumloopMessage, New-GumloopSession, Receive-GumloopSessionStream and the
/// approval cmdlets, on the API base so that any cmdlet that streams can show text the same way.
/// Events arrive on a thread-pool thread and are rendered on the pipeline thread through Post, in order.
/// Interactive hosts get the text on one growing line through Host.UI.Write, which never touches the output
/// stream, so `$s = Send-GumloopMessage -Stream` captures only the session. Elsewhere (runbooks, jobs, redirected
/// output, hosted runspaces) the text goes to the Information stream tagged GumloopStream.
/// </summary>
public abstract partial class GumloopApiCmdlet
{
    public const string InformationTag = "GumloopStream";
    internal const string StreamSet = "Stream";
    internal const string DefaultSet = "Default";

    private readonly StringBuilder _shownText = new();
    private bool _interactive;
    private bool _eventsOnly;
    private bool _lineOpen;
    private bool _sessionShown;
    private string? _textMessageId;
    private object? _errorTarget;

    /// <summary>The -StreamTimeoutSec of the cmdlets that stream: the longest the whole stream may last; null for no limit.</summary>
    private protected virtual int? StreamTimeout => null;

    internal delegate Task<GumloopStreamResult> StreamStarter(Action<StreamEvent> onEvent, GumloopStreamOptions options, CancellationToken ct);

    /// <summary>
    /// Streams one turn and writes the session fetched after it ends (or, with <paramref name="eventsOnly"/>,
    /// each event instead). Failures propagate to the caller, which reports them like any other.
    /// </summary>
    /// <param name="sessionId">Known before the stream starts (send, attach); null for a create.</param>
    internal void RunStream(string? sessionId, bool eventsOnly, int maxResumeCount, object? errorTarget, StreamStarter start)
    {
        // Pipeline thread: the host is read here, never from the worker.
        _interactive = !eventsOnly && IsInteractiveHost(Host);
        _eventsOnly = eventsOnly;
        _lineOpen = false;
        _sessionShown = false;
        _textMessageId = null;
        _shownText.Clear();
        _errorTarget = errorTarget;

        var options = new GumloopStreamOptions
        {
            MaxResumeCount = maxResumeCount,
            MaxDuration = StreamTimeout is { } limit ? TimeSpan.FromSeconds(limit) : null,
        };
        Run(async ct =>
        {
            try
            {
                if (sessionId != null)
                {
                    Post(() => ShowSession(sessionId));
                }

                GumloopStreamResult result;
                try
                {
                    result = await start(e => Post(() => Render(e)), options, ct).ConfigureAwait(false);
                }
                finally
                {
                    Post(EndLine);
                }

                if (eventsOnly)
                {
                    return;
                }

                var id = result.SessionId ?? sessionId;
                if (id is null)
                {
                    return;
                }

                var session = await Client.GetSessionAsync(id, ct).ConfigureAwait(false);
                if (result.NotResumable)
                {
                    // The run ended while we were away: show the part of the reply the stream did not deliver.
                    Post(() => CompleteFrom(session));
                }

                Emit(session);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, errorTarget ?? sessionId);
            }
        });
    }

    /// <summary>
    /// Whether live text can go to a person watching the host. Hosted runspaces ("Default Host"), remoting and
    /// jobs ("ServerRemoteHost"), `pwsh -NonInteractive` and a console whose output is redirected all count as
    /// non-interactive; so does a host without a UI.
    /// </summary>
    internal static bool IsInteractiveHost(PSHost? host)
    {
        if (host?.UI is null)
        {
            return false;
        }

        switch (host.Name)
        {
            case "Default Host":
            case "ServerRemoteHost":
                return false;
            case "ConsoleHost":
                return !Console.IsOutputRedirected && !StartedNonInteractive();
            default:
                return true;
        }
    }

    private static bool StartedNonInteractive()
    {
        // pwsh accepts any unambiguous prefix of -NonInteractive, down to -noni.
        foreach (var arg in Environment.GetCommandLineArgs().Skip(1))
        {
            var name = arg.TrimStart('-', '/');
            if (arg.Length > name.Length && name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void ShowSession(string? sessionId)
    {
        if (_sessionShown || sessionId is null || _eventsOnly)
        {
            return;
        }

        _sessionShown = true;
        if (_interactive)
        {
            WriteHostLine($"Session {sessionId}");
        }
        else
        {
            WriteVerbose(HostText.Line($"Streaming session {sessionId}."));
        }
    }

    private readonly System.Collections.Generic.Dictionary<string, string> _toolNames = new(StringComparer.Ordinal);

    private void Render(StreamEvent e)
    {
        if (_eventsOnly)
        {
            // Later events of a tool call (tool-output-available) carry only its id; name the tool from the start.
            string? toolName = null;
            if (e.ToolCallId is { } callId)
            {
                if (e.ToolName is not null)
                {
                    _toolNames[callId] = e.ToolName;
                }
                else
                {
                    _toolNames.TryGetValue(callId, out toolName);
                }
            }

            WriteObject(new StreamEventRecord(e, toolName));
            if (e.Type == "error")
            {
                WriteError(ErrorMap.ToErrorRecord(GumloopStreamException.FromEvent(e), e.SessionId ?? _errorTarget));
            }

            return;
        }

        switch (e.Type)
        {
            case "interaction-ready":
                ShowSession(e.SessionId);
                break;
            case "text-start":
                ShowSession(e.SessionId);
                if (_textMessageId is not null && e.MessageId != _textMessageId)
                {
                    // A second text block in the same turn (after tool calls) starts on its own line.
                    EndLine();
                    _shownText.Clear();
                }

                _textMessageId = e.MessageId ?? _textMessageId;
                break;
            case "text-delta":
                ShowSession(e.SessionId);
                if (!string.IsNullOrEmpty(e.Delta))
                {
                    WriteText(e.Delta!);
                }

                break;
            case "tool-input-start":
                if (_interactive)
                {
                    EndLine();
                    WriteHostLine($"[tool {HostText.Line(e.ToolName ?? e.ToolCallId ?? "call", 200)}]");
                }
                else
                {
                    WriteVerbose(HostText.Line($"Tool call {e.ToolName} ({e.ToolCallId})."));
                }

                break;
            case "error":
                EndLine();
                WriteError(ErrorMap.ToErrorRecord(GumloopStreamException.FromEvent(e), e.SessionId ?? _errorTarget));
                break;
        }
    }

    private void WriteText(string text)
    {
        _shownText.Append(text);

        // The agent's text can carry escape sequences (clear screen, window title, OSC 52 clipboard writes, hidden
        // text): they are shown as symbols, while newlines and tabs keep the reply readable.
        var shown = HostText.Block(text);
        if (_interactive)
        {
            Host.UI.Write(shown);
            _lineOpen = !shown.EndsWith("\n", StringComparison.Ordinal);
        }
        else
        {
            WriteInformation(shown, new[] { InformationTag });
        }
    }

    private void EndLine()
    {
        if (_lineOpen)
        {
            _lineOpen = false;
            Host.UI.WriteLine();
        }
    }

    private void CompleteFrom(Session session)
    {
        if (_shownText.Length == 0)
        {
            return;
        }

        var shown = _shownText.ToString();
        var message = session.Messages.LastOrDefault(m => _textMessageId is not null && m.Id == _textMessageId)
            ?? session.Messages.LastOrDefault(m => m.Role == "assistant");
        var full = message?.Text;
        if (full is not null && full.Length > shown.Length && full.StartsWith(shown, StringComparison.Ordinal))
        {
            WriteText(full.Substring(shown.Length));
            EndLine();
        }
    }

    private void WriteHostLine(string text)
    {
        text = HostText.Line(text);
        // Hosts without a raw UI, or that refuse colours, still get the line.
        ConsoleColor? background = null;
        try
        {
            background = Host.UI.RawUI?.BackgroundColor;
        }
        catch (Exception ex) when (ex is NotImplementedException or NotSupportedException or HostException or PSNotImplementedException or InvalidOperationException)
        {
        }

        if (background is { } bg)
        {
            Host.UI.WriteLine(ConsoleColor.DarkGray, bg, text);
        }
        else
        {
            Host.UI.WriteLine(text);
        }
    }
}
