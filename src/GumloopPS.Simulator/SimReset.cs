using System;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace GumloopPS.Simulator
{
    internal static class SimReset
    {
        /// <summary>
        /// Resets the client's TCP connection. HttpListenerResponse.Abort() is a real reset on Windows (http.sys), but the managed
        /// listener used elsewhere first flushes pending headers and the closing chunk, which a client sees as a clean response;
        /// so where the socket is reachable it is closed with a zero linger, which sends RST.
        /// </summary>
        public static void Reset(HttpListenerContext ctx)
        {
            var socket = FindSocket(ctx);
            if (socket != null)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    return;
                }
                catch (ObjectDisposedException) { return; }
                catch (SocketException) { }
            }
            try { ctx.Response.Abort(); } catch (Exception) { }
        }

        private static Socket? FindSocket(HttpListenerContext ctx)
        {
            try
            {
                const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
                foreach (var f in ctx.GetType().GetFields(flags))
                {
                    if (f.FieldType.Name != "HttpConnection") continue;
                    var conn = f.GetValue(ctx);
                    if (conn == null) return null;
                    foreach (var g in conn.GetType().GetFields(flags))
                    {
                        if (typeof(Socket).IsAssignableFrom(g.FieldType)) return g.GetValue(conn) as Socket;
                    }
                }
            }
            catch (Exception)
            {
                // Private layout differs between runtimes; falling back to Abort() is the best we can do.
            }
            return null;
        }
    }
}
