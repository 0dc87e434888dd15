using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

// -WhenBusy and attachments (issue 4). Everything that can be checked locally is checked before the first
// request, so a bad path or an 11th attachment never leaves a half-sent message behind.
[OutputType(typeof(QueuedMessage))]
public sealed partial class SendGumloopMessageCommand
{
    private const string BusyFail = "Fail";
    private const string BusyQueue = "Queue";
    private const string BusyWait = "Wait";

    [Parameter]
    [ValidateSet(BusyFail, BusyQueue, BusyWait)]
    public string WhenBusy { get; set; } = BusyFail;

    [Parameter]
    [ValidateCount(1, SessionFiles.MaxAttachments)]
    [ValidateNotNullOrEmpty]
    public string[]? Attachment { get; set; }

    [Parameter]
    [ValidateCount(1, SessionFiles.MaxAttachments)]
    [ValidateNotNullOrEmpty]
    public string[]? AttachmentName { get; set; }

    /// <summary>Resolves and checks every attachment; writes the errors and returns false when the message must not be sent.</summary>
    private bool CheckAttachments(string sessionId, out List<FileInfo> files)
    {
        files = new List<FileInfo>();
        var names = AttachmentName ?? Array.Empty<string>();
        if ((Attachment?.Length ?? 0) + names.Length == 0)
        {
            return true;
        }

        if (string.Equals(WhenBusy, BusyQueue, StringComparison.OrdinalIgnoreCase))
        {
            WriteError(Refuse(sessionId, "-WhenBusy Queue cannot send attachments: a queued message carries text only. Use -WhenBusy Wait, or attach the files when the session is free. Nothing was sent."));
            return false;
        }

        bool ok = true;
        foreach (var resolved in FileResolver.Resolve(this, Attachment ?? Array.Empty<string>(), literal: false))
        {
            if (resolved.Error is not null)
            {
                WriteError(resolved.Error);
                ok = false;
                continue;
            }

            try
            {
                files.Add(GumloopClient.CheckUploadable(resolved.Path!));
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                WriteError(ErrorMap.ToErrorRecord(ex, resolved.Path));
                ok = false;
            }
        }

        // Counted after wildcards expand: the limit is on what the message would carry.
        int count = files.Count + names.Length;
        if (count > SessionFiles.MaxAttachments)
        {
            WriteError(Refuse(sessionId, $"A message can carry at most {SessionFiles.MaxAttachments} attachments; this one would carry {count}. Nothing was sent."));
            return false;
        }

        if (!ok)
        {
            WriteError(Refuse(sessionId, $"The message to session {sessionId} was not sent because an attachment cannot be uploaded."));
        }

        return ok;
    }

    private string DescribeSend(List<FileInfo> files)
    {
        int count = files.Count + (AttachmentName?.Length ?? 0);
        return count == 0 ? "Send a message"
            : $"Send a message with {count} attachment{(count == 1 ? string.Empty : "s")}" + (files.Count > 0 ? " (uploading " + string.Join(", ", files.Select(f => f.Name)) + ")" : string.Empty);
    }

    /// <summary>Uploads the local attachments and adds every attachment to <paramref name="request"/>.</summary>
    private async Task AttachAsync(string sessionId, SendMessageRequest request, List<FileInfo> files, CancellationToken ct)
    {
        var attachments = new List<SessionAttachment>();
        foreach (var file in files)
        {
            var stored = await Client.UploadSessionFileAsync(sessionId, file.FullName, null, null, ct).ConfigureAwait(false);
            EmitVerbose($"Uploaded {file.FullName} as {stored.FileName} ({stored.Size} bytes).");
            attachments.Add(stored.ToAttachment());
        }

        foreach (var name in AttachmentName ?? Array.Empty<string>())
        {
            attachments.Add(SessionAttachment.ForStoredName(sessionId, name));
        }

        if (attachments.Count > 0)
        {
            request.Attachments = attachments;
        }
    }

    /// <summary>
    /// Sends the message, applying -WhenBusy when the session is still running a turn. Returns the session, or
    /// null when the message went to the queue instead (the QueuedMessage has then been written).
    /// </summary>
    private async Task<Session?> SendWhenFreeAsync(string sessionId, SendMessageRequest request, List<FileInfo> files, CancellationToken ct)
    {
        await AttachAsync(sessionId, request, files, ct).ConfigureAwait(false);
        var deadline = _waitLimit is { } t ? DateTime.UtcNow.Add(t) : (DateTime?)null;
        while (true)
        {
            try
            {
                return await Client.SendMessageAsync(sessionId, request, ct).ConfigureAwait(false);
            }
            catch (GumloopApiException ex) when (IsBusy(ex) && !string.Equals(WhenBusy, BusyFail, StringComparison.OrdinalIgnoreCase))
            {
                if (string.Equals(WhenBusy, BusyQueue, StringComparison.OrdinalIgnoreCase))
                {
                    EmitVerbose($"Session {sessionId} is busy; adding the message to its queue.");
                    await QueueAsync(sessionId, request, ct).ConfigureAwait(false);
                    return null;
                }

                // Someone else may start a turn between our wait and our send, hence the loop.
                EmitVerbose($"Session {sessionId} is busy; waiting for the turn to end before sending.");
                var current = await Client.GetSessionAsync(sessionId, ct).ConfigureAwait(false);
                try
                {
                    await WaitForSessionAsync(current, Remaining(deadline, current), ct).ConfigureAwait(false);
                }
                catch (GumloopWaitTimeoutException timeout)
                {
                    // Reported against the whole -WaitTimeoutSec, not the slice left for this round.
                    throw new GumloopWaitTimeoutException(timeout.SessionId, current.State, _waitLimit ?? TimeSpan.Zero);
                }
            }
        }
    }

    /// <summary>For -Stream, which cannot retry once the stream has begun: settles -WhenBusy first. False when nothing is left to stream.</summary>
    private bool PrepareStream(string sessionId, SendMessageRequest request, List<FileInfo> files)
    {
        bool send = true;
        Run(async ct =>
        {
            try
            {
                await AttachAsync(sessionId, request, files, ct).ConfigureAwait(false);
                if (string.Equals(WhenBusy, BusyFail, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var current = await Client.GetSessionAsync(sessionId, ct).ConfigureAwait(false);
                if (Session.IsTerminalState(current.State))
                {
                    return;
                }

                if (string.Equals(WhenBusy, BusyQueue, StringComparison.OrdinalIgnoreCase))
                {
                    send = false;
                    await QueueAsync(sessionId, request, ct).ConfigureAwait(false);
                    return;
                }

                await WaitForSessionAsync(current, null, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                send = false;
                EmitError(ex, sessionId);
            }
        });
        return send;
    }

    private async Task QueueAsync(string sessionId, SendMessageRequest request, CancellationToken ct)
    {
        var change = await Client.QueueMessageAsync(sessionId, request.Input, ct).ConfigureAwait(false);
        if (change.QueuedMessage is { } queued)
        {
            Emit(queued);
        }
    }

    private static bool IsBusy(GumloopApiException ex) =>
        ex.StatusCode == 409 && string.Equals(ex.ErrorCode, "interaction_not_in_terminal_state", StringComparison.Ordinal);

    private TimeSpan? Remaining(DateTime? deadline, Session current)
    {
        if (deadline is null)
        {
            return null;
        }

        var left = deadline.Value - DateTime.UtcNow;
        if (left <= TimeSpan.Zero)
        {
            throw new GumloopWaitTimeoutException(current.Id, current.State, _waitLimit ?? TimeSpan.Zero);
        }

        return left;
    }

    private static ErrorRecord Refuse(string sessionId, string message)
    {
        var ex = new PSArgumentException(message);
        return new ErrorRecord(ex, ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, sessionId);
    }
}
