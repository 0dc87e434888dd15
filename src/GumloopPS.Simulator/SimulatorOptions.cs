using System;

namespace GumloopPS.Simulator
{
    /// <summary>Knobs for a <see cref="GumloopSimulator"/>; read live, so changing them on a running simulator takes effect on the next request or turn.</summary>
    public sealed class SimulatorOptions
    {
        /// <summary>Time a turn stays <c>processing</c> before it completes (overridden per message by <c>sim:delay=&lt;ms&gt;</c>).</summary>
        public TimeSpan ReplyDelay { get; set; } = TimeSpan.FromMilliseconds(150);

        /// <summary>Gap between consecutive SSE events of a streamed turn.</summary>
        public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(10);

        /// <summary>Maximum number of sessions processing at once; null means unlimited.</summary>
        public int? ConcurrencyLimit { get; set; }

        /// <summary>At the concurrency limit: true queues the turn (Enterprise behaviour), false answers 429 (Pro behaviour).</summary>
        public bool QueueAtLimit { get; set; }

        /// <summary>Page size of GET /agents/{id}/sessions when the caller sends none.</summary>
        public int PageSizeDefault { get; set; } = 20;

        /// <summary>Load the example agents and sessions from the API fixtures.</summary>
        public bool SeedData { get; set; } = true;

        /// <summary>How long a finished streamed run whose final event was never delivered stays resumable.</summary>
        public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Request bodies larger than this are rejected with 413, so a runaway client cannot exhaust memory.</summary>
        public int MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

        /// <summary>Largest decoded session file accepted by <c>POST /sessions/{id}/files</c> (the service allows 200 MB); larger ones get 413 <c>file_too_large</c>.</summary>
        public long MaxSessionFileBytes { get; set; } = 200L * 1024 * 1024;

        /// <summary>Lifetime of OAuth access tokens (<c>expires_in</c>); a few seconds lets tests see renewal happen.</summary>
        public TimeSpan OAuthTokenLifetime { get; set; } = TimeSpan.FromHours(1);

        /// <summary>How long an authorization code can be exchanged.</summary>
        public TimeSpan OAuthCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

        internal SimulatorOptions Clone() => (SimulatorOptions)MemberwiseClone();
    }
}
