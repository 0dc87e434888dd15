using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Uploads files to a Brain source. Files are checked (type, size, kind) as they arrive and sent in multipart
/// requests of at most 25 files, so <c>Get-ChildItem -File | Add-GumloopBrainFile</c> of any length makes
/// ceil(n / 25) requests. With -Wait it then polls the file list until every stored file is indexed or failed.
/// </summary>
[Cmdlet(VerbsCommon.Add, "GumloopBrainFile", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = FileResolver.PathSet)]
[OutputType(typeof(BrainFile))]
public sealed class AddGumloopBrainFileCommand : GumloopApiCmdlet
{
    private readonly List<BrainUploadFile> _pending = new();
    private readonly List<BrainFile> _stored = new();
    private long _pendingBytes;
    private bool _sourceFailed;
    private int _skipped;
    private int _uploadProgressId;
    private int _sent;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BrainSourceIdCompleter))]
    public string? SourceId { get; set; }

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FileResolver.PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    // PSPath is what Get-ChildItem output carries, so `Get-ChildItem -File | Add-GumloopBrainFile -SourceId $s` binds here.
    [Parameter(Mandatory = true, ParameterSetName = FileResolver.LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? WaitTimeoutSec { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var file in FileResolver.Checked(this, Path, LiteralPath, BrainRules.CheckUploadable))
        {
            var size = file.Length.ToString("N0", CultureInfo.InvariantCulture);
            if (!ShouldProcessText($"file {file.Path} ({size} bytes, {file.MediaType}) to Brain source {SourceId}", "Upload"))
            {
                continue;
            }

            if (_pending.Count > 0 && (_pending.Count >= BrainRules.MaxFilesPerRequest || _pendingBytes + file.Length > BrainRules.MaxBatchBytes))
            {
                SendPending();
            }

            _pending.Add(file);
            _pendingBytes += file.Length;
        }
    }

    protected override void EndProcessing()
    {
        SendPending();
        if (_uploadProgressId != 0)
        {
            WriteProgress(new ProgressRecord(_uploadProgressId, UploadActivity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        if (_skipped > 0)
        {
            WriteWarning($"{_skipped} files were not uploaded because Brain source {SourceId} could not take uploads (see the error above).");
        }

        if (!Wait)
        {
            return;
        }

        var stored = _stored.ToList();
        if (stored.Count == 0)
        {
            return;
        }

        var sourceId = SourceId!;
        var timeout = ResolveWaitLimit(WaitTimeoutSec, waits: true);
        Run(async ct =>
        {
            try
            {
                var deadline = new WaitDeadline(timeout);
                var source = await Client.WithDeadline(deadline).GetBrainSourceAsync(sourceId, ct).ConfigureAwait(false);
                if (string.Equals(source.Status, "draft", StringComparison.OrdinalIgnoreCase))
                {
                    EmitWarning($"Brain source {sourceId} is a draft: its files are only estimated until it is approved, so they are not waited for. Measure-GumloopBrainSource shows the estimate; Approve-GumloopBrainSource starts indexing.");
                    EmitAll(stored);
                    return;
                }

                var final = await WaitWithProgressAsync<BrainIndexProgress>(
                    $"Indexing {stored.Count} files in Brain source {sourceId}",
                    deadline.Limit,
                    progress => BrainIndexWaiter.WaitAsync(Client.WithDeadline(deadline), sourceId, stored, deadline, progress, ct),
                    current => current.ToString()).ConfigureAwait(false);
                foreach (var file in final.Files)
                {
                    Emit(file);
                    if (string.Equals(file.Status, "failed", StringComparison.OrdinalIgnoreCase))
                    {
                        var failed = new GumloopBrainException(
                            $"Brain source {sourceId} stored '{file.FileName}' but could not index it: {(file.Error ?? "no reason given").TrimEnd('.')}.",
                            BrainProblem.IndexingFailed,
                            file.SourcePath ?? file.FileName);
                        EmitError(failed, file.SourcePath ?? file.FileName);
                    }
                }

                if (final.Missing.Count > 0)
                {
                    EmitWarning($"{final.Missing.Count} uploaded files left Brain source {sourceId} while waiting (deleted meanwhile).");
                }
            }
            catch (GumloopBrainException ex)
            {
                EmitError(ex, sourceId);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                EmitError(ex, sourceId);
            }
        });
    }

    private string UploadActivity => $"Uploading files to Brain source {SourceId}";

    private void EmitAll(IEnumerable<BrainFile> files)
    {
        foreach (var file in files)
        {
            Emit(file);
        }
    }

    /// <summary>Sends the files collected so far as one request, reporting each refused file by its path.</summary>
    private void SendPending()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.ToList();
        _pending.Clear();
        _pendingBytes = 0;
        if (_sourceFailed)
        {
            _skipped += batch.Count;
            return;
        }

        if (_uploadProgressId == 0)
        {
            _uploadProgressId = NextProgressId();
        }

        WriteProgress(new ProgressRecord(_uploadProgressId, UploadActivity, $"Sending {batch.Count} files ({_sent} sent so far)"));
        var sourceId = SourceId!;
        bool wait = Wait;
        Run(async ct =>
        {
            try
            {
                var result = await Client.UploadBrainFilesAsync(sourceId, batch, ct).ConfigureAwait(false);
                _sent += batch.Count;
                foreach (var file in result.Files)
                {
                    _stored.Add(file);
                    if (!wait)
                    {
                        Emit(file);
                    }
                }

                ReportRejections(sourceId, batch, result.Rejected);
            }
            catch (GumloopApiException ex) when (ex.StatusCode is 401 or 403 or 404 or 409)
            {
                // The source cannot take uploads at all: one error for it, and no more requests.
                _sourceFailed = true;
                EmitError(ex, sourceId);
            }
            catch (Exception ex) when (IsReportable(ex))
            {
                // The batch as a whole failed (too large, a network or server error): each of its files is named.
                foreach (var file in batch)
                {
                    EmitError(ex, file.Path);
                }
            }
        });
    }

    private void ReportRejections(string sourceId, IReadOnlyList<BrainUploadFile> batch, IReadOnlyList<BrainFileRejection> rejected)
    {
        var unused = batch.ToList();
        foreach (var refusal in rejected)
        {
            int at = unused.FindIndex(f => string.Equals(f.FileName, refusal.FileName, StringComparison.Ordinal));
            string target = at >= 0 ? unused[at].Path : refusal.FileName ?? sourceId;
            if (at >= 0)
            {
                unused.RemoveAt(at);
            }

            var ex = new GumloopBrainException(
                $"Brain source {sourceId} did not take '{refusal.FileName}': {Reason(refusal.Error)}.",
                BrainProblem.Rejected,
                target)
            {
                Reason = refusal.Error,
            };
            EmitError(ex, target);
        }
    }

    private static string Reason(string? code) => code switch
    {
        "unsupported_file_type" => "its type is not one the Brain indexes (unsupported_file_type)",
        "file_too_large" => "it is larger than the Brain's per-file limit (file_too_large)",
        "invalid_file_name" => "its name is not usable (invalid_file_name)",
        null or "" => "no reason given",
        _ => code,
    };
}
