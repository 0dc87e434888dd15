// Compiled by Invoke-Benchmarks.ps1 with Add-Type against the module's GumloopPS.Core.dll, so the floor loops
// really run in C# and PowerShell's per-statement cost never lands in the baseline.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using GumloopPS.Core;

namespace GumloopPS.Bench
{
    public static class Native
    {
        private static readonly double MsPerTick = 1000.0 / Stopwatch.Frequency;

        /// <summary>The floor: the Core client that the cmdlets wrap, called back to back.</summary>
        public static double[] CoreClientLoop(GumloopConnection connection, string sessionId, int count)
        {
            var client = new GumloopClient(connection);
            var times = new double[count];
            for (int i = 0; i < count; i++)
            {
                long start = Stopwatch.GetTimestamp();
                CoreClientOnce(client, sessionId);
                times[i] = (Stopwatch.GetTimestamp() - start) * MsPerTick;
            }

            return times;
        }

        /// <summary>
        /// One call of the Core client, for a PowerShell loop that runs a command before each call: with the same
        /// request and client as the cmdlet, only PowerShell's invocation separates that loop from the cmdlet's.
        /// </summary>
        public static void CoreClientOnce(GumloopClient client, string sessionId)
        {
            Session session = client.GetSessionAsync(sessionId, CancellationToken.None).GetAwaiter().GetResult();
            if (session.Id == null)
            {
                throw new InvalidOperationException("The session came back without an id.");
            }
        }

        /// <summary>Below the floor: one shared HttpClient and a JsonDocument, no models, no retries, no checks.</summary>
        public static double[] RawHttpLoop(string url, string key, string userId, int count)
        {
            using (var http = NewClient(key, userId))
            {
                var times = new double[count];
                for (int i = 0; i < count; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    using (HttpResponseMessage response = http.GetAsync(url).GetAwaiter().GetResult())
                    {
                        response.EnsureSuccessStatusCode();
                        using (Stream body = response.Content.ReadAsStreamAsync().GetAwaiter().GetResult())
                        using (JsonDocument doc = JsonDocument.Parse(body))
                        {
                            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                            {
                                throw new InvalidOperationException("Not a JSON object.");
                            }
                        }
                    }

                    times[i] = (Stopwatch.GetTimestamp() - start) * MsPerTick;
                }

                return times;
            }
        }

        /// <summary>Size of the JSON body as sent on the wire (uncompressed).</summary>
        public static long PayloadBytes(string url, string key, string userId)
        {
            using (var http = NewClient(key, userId))
            {
                byte[] body = http.GetByteArrayAsync(url).GetAwaiter().GetResult();
                return body.LongLength;
            }
        }

        // One client for every streamed turn, as the module keeps one per connection: a fresh TCP connection per turn
        // would charge the floor for a handshake the module does not pay.
        private static HttpClient _sseClient;

        /// <summary>
        /// The streaming floor: POSTs a streamed message and reads the SSE frames with a raw HttpClient.
        /// Returns the time from the call to each text-delta, in ms, then the time to the end of the turn.
        /// </summary>
        public static double[] SseFloor(string url, string key, string userId, string jsonBody)
        {
            HttpClient http = _sseClient ??= NewClient(key, userId);
            var times = new List<double>();
            long start = Stopwatch.GetTimestamp();
            using (var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(jsonBody, Encoding.UTF8, "application/json") })
            using (HttpResponseMessage response = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult())
            {
                response.EnsureSuccessStatusCode();
                using (var reader = new StreamReader(response.Content.ReadAsStreamAsync().GetAwaiter().GetResult()))
                {
                    string line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        if (line == "event: text-delta")
                        {
                            times.Add((Stopwatch.GetTimestamp() - start) * MsPerTick);
                        }
                    }
                }
            }

            times.Add((Stopwatch.GetTimestamp() - start) * MsPerTick);
            return times.ToArray();
        }

        private static HttpClient NewClient(string key, string userId)
        {
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            http.DefaultRequestHeaders.TryAddWithoutValidation("x-auth-key", userId);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return http;
        }
    }
}
