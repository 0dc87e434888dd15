using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

[Cmdlet(VerbsData.Export, "GumloopTranscript", DefaultParameterSetName = BySessionSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportGumloopTranscriptCommand : GumloopApiCmdlet
{
    /// <summary>The type name the format view selects: written files carry their format and counts.</summary>
    internal const string TranscriptFileTypeName = "GumloopPS.TranscriptFile";
    internal const string IndexFileName = "index.html";

    private const string ByIdSet = "ById";
    private const string BySessionSet = "BySession";

    private string _target = string.Empty;
    private TranscriptFileTarget? _file;
    private TranscriptWriter? _writer;
    private TranscriptFileTarget? _indexFile;
    private TranscriptIndexWriter? _index;
    private bool _indexAsked;
    private TranscriptFileNames? _names;
    private bool _declined;

    // As in Get-GumloopMessage, the object set is the default so that a piped Session binds as itself, while
    // piped strings still bind to -SessionId by value and other objects by their SessionId property.
    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? SessionId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = BySessionSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Session? Session { get; set; }

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    public TranscriptFormat Format { get; set; }

    [Parameter]
    public SwitchParameter SplitBySession { get; set; }

    [Parameter]
    public SwitchParameter IncludeToolDetail { get; set; }

    [Parameter]
    public SwitchParameter NoFormulaEscape { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    private string Extension => TranscriptFormats.Extension(Format);

    private TranscriptWriterOptions WriterOptions => new TranscriptWriterOptions
    {
        IncludeToolDetail = IncludeToolDetail,
        EscapeFormulas = !NoFormulaEscape,
        Culture = CultureInfo.CurrentCulture,
    };

    protected override void BeginProcessing()
    {
        // The client is made on first fetch instead: sessions piped in with their messages need no connection.
        string path = System.IO.Path.GetFullPath(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path));
        if (SplitBySession)
        {
            if (File.Exists(path))
            {
                Terminate(new GumloopTranscriptException($"'{path}' is a file; -SplitBySession writes one file per session into a folder.", path, TranscriptProblem.WrongKindOfPath), path);
            }

            _target = path;
            _names = new TranscriptFileNames();
            if (Format == TranscriptFormat.Html)
            {
                _names.Reserve(IndexFileName);
                string index = System.IO.Path.Combine(path, IndexFileName);
                if (!Force && File.Exists(index))
                {
                    Terminate(new GumloopTranscriptException($"The file '{index}' already exists; nothing was written.", index, TranscriptProblem.FileExists), index);
                }
            }

            return;
        }

        _target = Directory.Exists(path) ? System.IO.Path.Combine(path, "transcript" + Extension) : path;
        if (!Force && File.Exists(_target))
        {
            Terminate(new GumloopTranscriptException($"The file '{_target}' already exists; nothing was written.", _target, TranscriptProblem.FileExists), _target);
        }

        if (!ShouldProcess(_target, "Write the transcript"))
        {
            _declined = true;
            return;
        }

        try
        {
            _file = TranscriptFileTarget.Create(_target, Force);
            _writer = TranscriptWriter.Create(Format, _file.Stream, WriterOptions);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, _target));
        }
    }

    protected override void ProcessRecord()
    {
        if (_declined)
        {
            return;
        }

        if (ParameterSetName == BySessionSet)
        {
            var session = Session!;
            if (session.HasMessages)
            {
                Export(TranscriptSession.FromSession(session));
                return;
            }

            if (string.IsNullOrEmpty(session.Id))
            {
                WriteError(new ErrorRecord(new PSArgumentException("The session has no id."), ErrorMap.InvalidId, ErrorCategory.InvalidArgument, session));
                return;
            }

            Fetch(new[] { session.Id! });
            return;
        }

        Fetch(SessionId!);
    }

    protected override void EndProcessing()
    {
        if (_declined)
        {
            return;
        }

        try
        {
            if (_writer != null && _file != null)
            {
                _writer.Complete();
                FileInfo written = _file.Commit();
                WriteObject(Describe(written, _writer.SessionCount, _writer.MessageCount));
                return;
            }

            if (SplitBySession && Format == TranscriptFormat.Html && OpenIndex() && _index != null && _indexFile != null)
            {
                _index.Complete();
                FileInfo written = _indexFile.Commit();
                WriteObject(Describe(written, _index.SessionCount, _index.MessageCount));
            }
        }
        catch (GumloopTranscriptException ex)
        {
            ThrowTerminatingError(ErrorMap.ToErrorRecord(ex, ex.Path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, _file?.Path ?? _indexFile?.Path ?? _target));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Stopped or failed before EndProcessing: the temporary files go, no half-written transcript stays.
            _writer?.Dispose();
            _file?.Dispose();
            _index?.Dispose();
            _indexFile?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Fetch(string[] ids)
    {
        // Resolved here, on the pipeline thread, so a missing connection is a terminating error as in every cmdlet.
        var client = Client;
        Run(async ct =>
        {
            foreach (var id in ids)
            {
                MessageChannel? channel = null;
                try
                {
                    // The writer runs on the pipeline thread and takes each message as soon as its JSON is complete,
                    // through a small bounded channel: memory holds a few messages however long the transcript is.
                    await client.StreamTranscriptAsync(
                        id,
                        (header, count) =>
                        {
                            var messages = channel = new MessageChannel(ct);
                            Post(() =>
                            {
                                try
                                {
                                    Export(new TranscriptSession(header, messages.Take(), (int)Math.Min(count, int.MaxValue)));
                                }
                                finally
                                {
                                    // A declined or failed session stops its read instead of waiting for a reader.
                                    messages.Abandon();
                                }
                            });
                        },
                        message => channel!.Add(message),
                        ct).ConfigureAwait(false);
                }
                catch (SessionAbandonedException)
                {
                    // The session was declined (-WhatIf, -Confirm) or its file failed; that was reported on the pipeline thread.
                }
                catch (Exception ex) when (IsReportable(ex))
                {
                    EmitError(ex, id);
                }
                finally
                {
                    channel?.Complete();
                }
            }
        });
    }

    /// <summary>
    /// Hands messages from the reading thread to the writer on the pipeline thread, in batches. Bounded, so the network
    /// read waits for the file; cancelled with the cmdlet, so Ctrl+C stops both sides.
    /// </summary>
    private sealed class MessageChannel
    {
        private const int Capacity = 1024;
        private readonly System.Threading.CancellationTokenSource _abandon;
        private readonly ItemHandoff<Message> _items;
        private bool _abandoned;

        public MessageChannel(System.Threading.CancellationToken stopping)
        {
            _abandon = System.Threading.CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _items = new ItemHandoff<Message>(Capacity, _abandon.Token);
        }

        public void Add(Message message)
        {
            try
            {
                _items.Add(message);
            }
            catch (OperationCanceledException) when (_abandoned)
            {
                // Not a cancellation: the transport would take that for a broken connection and retry the request.
                throw new SessionAbandonedException();
            }
        }

        public void Complete() => _items.Complete();

        public void Abandon()
        {
            _abandoned = true;
            _abandon.Cancel();
        }

        public System.Collections.Generic.IEnumerable<Message> Take() => _items.Consume();
    }

    /// <summary>Ends the read of a session whose writer gave up on it; never reported.</summary>
    private sealed class SessionAbandonedException : Exception
    {
    }

    private void Export(TranscriptSession session)
    {
        try
        {
            if (_writer != null)
            {
                try
                {
                    _writer.WriteSession(session, CancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The one file is broken; no later session can be written to it either.
                    ThrowTerminatingError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, _target));
                }

                WriteVerbose($"Wrote session {session.Header.Id} ({session.MessageCount} messages) to {_target}.");
                return;
            }

            ExportToOwnFile(session);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private void ExportToOwnFile(TranscriptSession session)
    {
        Session header = session.Header;
        string name = _names!.ForSession(header.Name, header.Id, Extension);
        string path = System.IO.Path.Combine(_target, name);
        if (!ShouldProcess(path, $"Write the transcript of session {header.Id}"))
        {
            return;
        }

        if (Format == TranscriptFormat.Html && !OpenIndex())
        {
            return;
        }

        try
        {
            FileInfo written;
            using (var target = TranscriptFileTarget.Create(path, Force))
            {
                using (var writer = TranscriptWriter.Create(Format, target.Stream, WriterOptions))
                {
                    writer.WriteSession(session, CancellationToken);
                    writer.Complete();
                }

                written = target.Commit();
            }

            _index?.Add(name, session);
            WriteVerbose($"Wrote session {header.Id} ({session.MessageCount} messages) to {path}.");
            WriteObject(Describe(written, 1, session.MessageCount));
        }
        catch (GumloopTranscriptException ex)
        {
            WriteError(ErrorMap.ToErrorRecord(ex, ex.Path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WriteError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, path));
        }
    }

    /// <summary>Opens index.html once, asking first; false when it was declined or cannot be written.</summary>
    private bool OpenIndex()
    {
        if (_indexAsked)
        {
            return _index != null;
        }

        _indexAsked = true;
        string path = System.IO.Path.Combine(_target, IndexFileName);
        if (!ShouldProcess(path, "Write the index of the exported transcripts"))
        {
            return false;
        }

        try
        {
            _indexFile = TranscriptFileTarget.Create(path, Force);
            _index = new TranscriptIndexWriter(_indexFile.Stream);
            return true;
        }
        catch (GumloopTranscriptException ex)
        {
            Terminate(ex, ex.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorMap.FileWriteFailed, ErrorCategory.WriteError, path));
        }

        return false;
    }

    private PSObject Describe(FileInfo file, int sessions, long messages)
    {
        var item = PSObject.AsPSObject(file);
        item.TypeNames.Insert(0, TranscriptFileTypeName);
        item.Properties.Add(new PSNoteProperty("Format", Format.ToString()));
        item.Properties.Add(new PSNoteProperty("SessionCount", sessions));
        item.Properties.Add(new PSNoteProperty("MessageCount", messages));
        return item;
    }

    private void Terminate(Exception exception, string target) => ThrowTerminatingError(ErrorMap.ToErrorRecord(exception, target));
}
