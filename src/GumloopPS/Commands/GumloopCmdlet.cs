using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GumloopPS.Core;
using GumloopPS.Errors;
using GumloopPS.Internal;

namespace GumloopPS.Commands;

/// <summary>
/// Base for every cmdlet that does I/O. Async work runs on the thread pool while the pipeline thread
/// drains a queue of Write* calls, because the PowerShell host only accepts output from its own thread.
/// StopProcessing cancels the token, so Ctrl+C interrupts any await or delay promptly.
/// </summary>
public abstract class GumloopCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private OutputPump? _pending;
    private int _pipelineThreadId;

    protected CancellationToken CancellationToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// PowerShell disposes a cmdlet after its pipeline ends, also when it was stopped or failed and EndProcessing
    /// never ran; cmdlets that hold files release them here.
    /// </summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    /// <summary>Runs async work to completion, pumping its output onto the pipeline thread.</summary>
    protected void Run(Func<CancellationToken, Task> work)
    {
        var pending = new OutputPump();
        _pending = pending;
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        var token = _stopping.Token;
        var task = Task.Run(async () =>
        {
            try { await work(token).ConfigureAwait(false); }
            finally { pending.Complete(); }
        });
        try
        {
            while (pending.TryTake(out var action))
            {
                action();
            }
        }
        catch
        {
            // A Write* threw (for example -ErrorAction Stop, or the pipeline is stopping): the work must not
            // carry on sending requests whose results nobody will see.
            _stopping.Cancel();
            pending.Complete();
            try { task.Wait(); } catch (AggregateException) { }
            throw;
        }
        finally
        {
            _pending = null;
        }

        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Runs one call whose result is one item without <see cref="Run"/>'s thread hop and output queue: the pipeline
    /// thread starts the call and waits for it. Anything the call posts from another thread meanwhile is written,
    /// in order, before the result. Errors, -ErrorAction and Ctrl+C behave exactly as with Run and Emit/EmitError.
    /// Use it only where nothing needs writing while the call runs (no progress, verbose or debug lines).
    /// </summary>
    protected void RunOne<T>(Func<CancellationToken, Task<T>> call, object? target)
    {
        var token = _stopping.Token;
        var deferred = new List<Action>();
        _pipelineThreadId = Environment.CurrentManagedThreadId;
        _deferred = deferred;
        T result;
        Exception? failure = null;
        try
        {
            result = call(token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (IsReportable(ex))
        {
            result = default!;
            failure = ex;
        }
        finally
        {
            lock (deferred)
            {
                _deferred = null;
            }
        }

        foreach (var action in deferred)
        {
            action();
        }

        if (failure is not null)
        {
            WriteError(ErrorMap.ToErrorRecord(failure, target));
            return;
        }

        WriteObject(result);
    }

    private List<Action>? _deferred;

    /// <summary>Runs a callback on the pipeline thread (immediately when already there).</summary>
    protected void Post(Action action)
    {
        if (_deferred is { } deferred && Environment.CurrentManagedThreadId != _pipelineThreadId)
        {
            lock (deferred)
            {
                if (_deferred is not null)
                {
                    deferred.Add(action);
                    return;
                }
            }
        }

        var pending = _pending;
        if (pending is null || Environment.CurrentManagedThreadId == _pipelineThreadId)
        {
            action();
            return;
        }

        // False once the pump has finished (the pipeline is stopping); output after that point is meaningless.
        _ = pending.TryAdd(action);
    }

    protected void Emit(object? item) => Post(() => WriteObject(item));

    /// <summary>
    /// Writes a saved file as Get-Item would return it: through the FileSystem provider, so PSPath and the views'
    /// UnixMode, User, Group and Size columns are filled, which a bare FileInfo leaves blank on Linux.
    /// </summary>
    protected void EmitFileItem(System.IO.FileInfo file) => Post(() =>
    {
        System.Collections.ObjectModel.Collection<PSObject>? items = null;
        try
        {
            items = InvokeProvider.Item.Get(new[] { file.FullName }, true, true);
        }
        catch (Exception ex) when (ex is ItemNotFoundException or ProviderInvocationException or DriveNotFoundException)
        {
            // Not reachable through a drive (a path outside every PSDrive): the FileInfo itself is written.
        }

        if (items is { Count: > 0 })
        {
            foreach (var item in items)
            {
                WriteObject(item);
            }
        }
        else
        {
            WriteObject(file);
        }
    });

    protected void EmitError(ErrorRecord record) => Post(() => WriteError(record));

    // Verbose, debug, warning and progress text often quotes the server (names, URLs, states, error text), so
    // it is neutralised on the way to the host like everything else a server can steer.
    protected internal void EmitVerbose(string message) => Post(() => WriteVerbose(HostText.Block(message)));

    protected internal void EmitDebug(string message) => Post(() => WriteDebug(HostText.Block(message)));

    protected void EmitWarning(string message) => Post(() => WriteWarning(HostText.Block(message)));

    protected void EmitProgress(ProgressRecord record) => Post(() => WriteProgress(Neutralise(record)));

    /// <summary>ShouldProcess with the target and action neutralised: both often name ids or text a server sent.</summary>
    protected bool ShouldProcessText(string target, string action) => ShouldProcess(HostText.Line(target), HostText.Line(action));

    /// <summary>
    /// The three-part ShouldProcess, neutralised the same way. The query may span lines (a prompt lists fields one
    /// per line), so callers neutralise each of its values with <see cref="HostText.Line(object?, int)"/> before
    /// joining them; here it only loses control characters other than line breaks.
    /// </summary>
    protected bool ShouldProcessText(string description, string query, string caption) =>
        ShouldProcess(HostText.Line(description), HostText.Block(query), HostText.Line(caption));

    /// <summary>
    /// Converts a hashtable parameter to JSON through the one converter with depth and cycle limits, writing a
    /// GumloopInvalidArgument error for <paramref name="target"/> when it cannot be sent.
    /// </summary>
    protected bool TryConvert(System.Collections.IDictionary table, string parameter, object? target, out JsonMap? converted)
    {
        try
        {
            converted = PSJson.ToPlainMap(table, parameter);
            return true;
        }
        catch (ArgumentException ex)
        {
            converted = null;
            WriteError(new ErrorRecord(ex, ErrorMap.InvalidArgument, ErrorCategory.InvalidArgument, target)
            {
                ErrorDetails = new ErrorDetails(ex.Message + " Nothing was sent."),
            });
            return false;
        }
    }

    private static ProgressRecord Neutralise(ProgressRecord record)
    {
        record.Activity = HostText.Line(record.Activity);
        record.StatusDescription = HostText.Line(record.StatusDescription);
        if (record.CurrentOperation is not null)
        {
            record.CurrentOperation = HostText.Line(record.CurrentOperation);
        }

        return record;
    }

    protected void EmitInformation(object data, string tag) => Post(() => WriteInformation(data, new[] { tag }));

    /// <summary>Writes a non-terminating error for an exception raised while working on <paramref name="target"/>.</summary>
    protected void EmitError(Exception exception, object? target) => EmitError(ErrorMap.ToErrorRecord(exception, target));

    /// <summary>Catches the failures a cmdlet reports per item, so one bad id never stops the others.</summary>
    protected static bool IsReportable(Exception exception) => ErrorMap.IsReportable(exception);

    /// <summary>
    /// False only when PowerShell would certainly drop verbose (or debug) records, so callers can skip building
    /// them. Call on the pipeline thread: it reads the preference variable in scope.
    /// </summary>
    internal bool WouldWrite(string commonParameter, string preferenceVariable)
    {
        try
        {
            if (MyInvocation.BoundParameters.TryGetValue(commonParameter, out var bound))
            {
                return bound is not SwitchParameter flag || flag.IsPresent;
            }

            var value = GetVariableValue(preferenceVariable);
            if (value is PSObject wrapped)
            {
                value = wrapped.BaseObject;
            }

            if (value is string text && Enum.TryParse(text, true, out ActionPreference parsed))
            {
                value = parsed;
            }

            return value is not ActionPreference preference
                || (preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or InvalidOperationException or NullReferenceException)
        {
            return true;
        }
    }

    /// <summary>
    /// Single-consumer queue of Write* calls. BlockingCollection allocated semaphores and linked cancellation
    /// sources on every call, a measurable share of a sequential Get-GumloopSession loop.
    /// </summary>
    private sealed class OutputPump
    {
        private readonly Queue<Action> _queue = new();
        private bool _completed;

        // Bounded so the async side waits for the pipeline: `Get-GumloopSession -All | Select-Object -First 3`
        // then reads one page, not every page, and memory stays flat however many items the API has.
        private const int Capacity = 32;

        public bool TryAdd(Action action)
        {
            lock (_queue)
            {
                while (_queue.Count >= Capacity && !_completed)
                {
                    Monitor.Wait(_queue);
                }

                if (_completed)
                {
                    return false;
                }

                _queue.Enqueue(action);
                // The producer and the pipeline thread wait on the same monitor, so wake both kinds.
                Monitor.PulseAll(_queue);
            }

            return true;
        }

        /// <summary>Ends the pump: the pipeline thread stops taking, and a producer waiting for room gives up.</summary>
        public void Complete()
        {
            lock (_queue)
            {
                _completed = true;
                Monitor.PulseAll(_queue);
            }
        }

        /// <summary>Waits for the next action; false once the work has completed and everything was taken.</summary>
        public bool TryTake(out Action action)
        {
            lock (_queue)
            {
                while (_queue.Count == 0)
                {
                    if (_completed)
                    {
                        action = null!;
                        return false;
                    }

                    Monitor.Wait(_queue);
                }

                action = _queue.Dequeue();
                if (_queue.Count == Capacity - 1)
                {
                    Monitor.PulseAll(_queue);
                }

                return true;
            }
        }
    }
}

/// <summary>
/// Base for cmdlets that talk to the API: -Connection and the per-call retry and timeout settings, and a client made
/// from the resolved connection's credential.
/// </summary>
public abstract partial class GumloopApiCmdlet : GumloopCmdlet
{
    [Parameter]
    [ValidateNotNull]
    public GumloopConnection? Connection { get; set; }

    [Parameter]
    [ValidateRange(0, 10)]
    public int? MaxRetryCount { get; set; }

    [Parameter]
    [ValidateRange(0, 3600)]
    public int? MaxRetryDelaySec { get; set; }

    // Per request, like Invoke-RestMethod, on every cmdlet. A whole wait has its own -WaitTimeoutSec.
    [Parameter]
    [ValidateRange(1, 86400)]
    public int? TimeoutSec { get; set; }

    private GumloopClient? _client;

    /// <summary>True when the client will write no verbose or debug lines, so a call can run without the output queue.</summary>
    protected bool Quiet { get; private set; }

    /// <summary>The client for this invocation, created on first use from the resolved connection.</summary>
    protected GumloopClient Client => _client ??= CreateClient();

    protected override void BeginProcessing()
    {
        _client = CreateClient();
    }

    private GumloopClient CreateClient()
    {
        GumloopConnection connection;
        try
        {
            connection = ConnectionStore.Resolve(Connection);
        }
        catch (Exception ex) when (ErrorMap.IsReportable(ex))
        {
            ThrowTerminatingError(ErrorMap.ToErrorRecord(ex, null));
            throw; // unreachable: ThrowTerminatingError always throws
        }

        var log = new CmdletLog(this);
        Quiet = !log.VerboseEnabled && !log.DebugEnabled;
        var client = new GumloopClient(connection, log, MaxRetryCount);
        if (TimeoutSec is { } timeout)
        {
            client.RequestTimeout = TimeSpan.FromSeconds(timeout);
        }

        if (MaxRetryDelaySec is { } delay)
        {
            client.MaxRetryDelay = TimeSpan.FromSeconds(delay);
        }

        return client;
    }

    private int _progressId;

    /// <summary>
    /// The limit of a whole wait: -WaitTimeoutSec, or for one release the old meaning of -TimeoutSec on a
    /// cmdlet that waits. In that case -TimeoutSec bounds the wait, not each request, and a warning says how to
    /// keep that behaviour once -TimeoutSec means one request everywhere. Call from ProcessRecord.
    /// </summary>
    protected TimeSpan? ResolveWaitLimit(int? waitTimeoutSec, bool waits)
    {
        if (waitTimeoutSec is { } seconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (waits && TimeoutSec is { } legacy)
        {
            if (!_warnedLegacyTimeout)
            {
                _warnedLegacyTimeout = true;
                WriteWarning($"-TimeoutSec on {MyInvocation.MyCommand.Name} limits the whole wait only in this release; from the next release it limits each request, as on every other cmdlet. Use -WaitTimeoutSec {legacy} for the whole wait.");
            }

            // The old meaning: requests keep the connection's timeout.
            Client.RequestTimeout = null;
            return TimeSpan.FromSeconds(legacy);
        }

        return null;
    }

    private bool _warnedLegacyTimeout;

    /// <summary>Waits for a session to settle, showing progress, and returns it in its final state.</summary>
    protected Task<Session> WaitForSessionAsync(Session session, TimeSpan? timeout, CancellationToken cancellationToken) =>
        WaitForSessionAsync(session, new WaitDeadline(timeout), cancellationToken);

    /// <summary>Waits for a session to settle by <paramref name="deadline"/>; every poll is cut to the time left.</summary>
    protected Task<Session> WaitForSessionAsync(Session session, WaitDeadline deadline, CancellationToken cancellationToken, int parentActivityId = -1) =>
        WaitWithProgressAsync<Session>(
            $"Waiting for Gumloop session {session.Id}",
            deadline.Limit,
            progress => SessionWaiter.WaitAsync(Client.WithDeadline(deadline), session, deadline, progress, cancellationToken),
            current => current.State,
            parentActivityId: parentActivityId);

    /// <summary>
    /// Writes a session a wait returned. One that ended failed also gets a non-terminating GumloopSessionFailed
    /// error (target: the session), unless <paramref name="noFailureError"/>; the session is written either way.
    /// </summary>
    protected void EmitSessionOutcome(Session session, bool noFailureError)
    {
        // The session first: under -ErrorAction Stop the error ends the command, and the caller still has it.
        Emit(session);
        if (!noFailureError && string.Equals(session.State, "failed", StringComparison.OrdinalIgnoreCase))
        {
            EmitError(new Errors.GumloopSessionFailedException(session), session);
        }
    }

    /// <summary>A new id for a progress bar of this cmdlet, so parallel bars never overwrite each other.</summary>
    protected int NextProgressId() => Interlocked.Increment(ref _progressId);

    /// <summary>
    /// Runs a poll loop under one progress bar that shows the state, the elapsed time and the time left, and
    /// is always completed, even when the wait fails or is stopped.
    /// </summary>
    protected async Task<T> WaitWithProgressAsync<T>(
        string activity,
        TimeSpan? timeout,
        Func<Action<T, TimeSpan>, Task<T>> wait,
        Func<T, string?> state,
        Func<T, string?>? currentOperation = null,
        int parentActivityId = -1)
    {
        // Each wait gets its own progress id so parallel waits in one pipeline do not overwrite each other.
        var activityId = NextProgressId();
        try
        {
            return await wait((current, elapsed) =>
            {
                EmitProgress(new ProgressRecord(activityId, activity, $"State: {state(current) ?? "starting"} ({elapsed.TotalSeconds:0} s)")
                {
                    SecondsRemaining = timeout is { } t ? Math.Max(0, (int)(t - elapsed).TotalSeconds) : -1,
                    CurrentOperation = currentOperation?.Invoke(current),
                    ParentActivityId = parentActivityId,
                });
            }).ConfigureAwait(false);
        }
        finally
        {
            EmitProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed, ParentActivityId = parentActivityId });
        }
    }

    private sealed class CmdletLog : IGumloopLog, IGumloopLogLevels
    {
        private readonly GumloopCmdlet _cmdlet;

        public CmdletLog(GumloopCmdlet cmdlet)
        {
            _cmdlet = cmdlet;
            VerboseEnabled = cmdlet.WouldWrite("Verbose", "VerbosePreference");
            DebugEnabled = cmdlet.WouldWrite("Debug", "DebugPreference");
        }

        public bool VerboseEnabled { get; }

        public bool DebugEnabled { get; }

        public void Verbose(string message) => _cmdlet.EmitVerbose(message);

        public void Debug(string message) => _cmdlet.EmitDebug(message);
    }
}
