using System;
using System.Collections.Generic;
using System.Threading;

namespace GumloopPS.Internal;

/// <summary>
/// Hands items from a reading thread to a consumer in whole batches: the consumer takes everything waiting at once,
/// and the reader blocks only while <see cref="Capacity"/> items wait. Handing over one item at a time through a
/// small bounded queue costs two thread switches per item, which for a million messages on a busy machine is most
/// of the export's time; batches keep memory bounded and items flowing as soon as the consumer is free.
/// </summary>
internal sealed class ItemHandoff<T>
{
    private readonly object _gate = new object();
    private readonly CancellationToken _cancel;
    private List<T> _waiting;
    private bool _completed;

    public ItemHandoff(int capacity, CancellationToken cancel)
    {
        Capacity = capacity;
        _cancel = cancel;
        _waiting = new List<T>(capacity);
    }

    public int Capacity { get; }

    /// <summary>Adds one item, waiting while the consumer has <see cref="Capacity"/> to take; true when it was the first waiting.</summary>
    public bool Add(T item)
    {
        lock (_gate)
        {
            while (_waiting.Count >= Capacity)
            {
                _cancel.ThrowIfCancellationRequested();

                // Woken by a take; the timeout only bounds how late a cancellation is seen.
                Monitor.Wait(_gate, 100);
            }

            _cancel.ThrowIfCancellationRequested();
            _waiting.Add(item);
            if (_waiting.Count == 1)
            {
                Monitor.PulseAll(_gate);
                return true;
            }

            return false;
        }
    }

    /// <summary>No more items will come; a waiting consumer ends after taking what is left.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Everything waiting now, possibly nothing; never blocks.</summary>
    public List<T> TakeAll()
    {
        lock (_gate)
        {
            return Swap();
        }
    }

    /// <summary>Every item until <see cref="Complete"/>, waiting for more when none is ready.</summary>
    public IEnumerable<T> Consume()
    {
        while (true)
        {
            List<T> batch;
            lock (_gate)
            {
                while (_waiting.Count == 0 && !_completed)
                {
                    _cancel.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate, 100);
                }

                if (_waiting.Count == 0)
                {
                    yield break;
                }

                batch = Swap();
            }

            foreach (T item in batch)
            {
                yield return item;
            }
        }
    }

    private List<T> Swap()
    {
        List<T> batch = _waiting;
        if (batch.Count == 0)
        {
            return batch;
        }

        _waiting = new List<T>(Math.Min(Capacity, Math.Max(16, batch.Count)));
        Monitor.PulseAll(_gate);
        return batch;
    }
}
