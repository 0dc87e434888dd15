using System.Collections.Generic;

namespace GumloopPS.Simulator
{
    public sealed partial class GumloopSimulator
    {
        /// <summary>
        /// Every route the simulator answers, as method and path template below /api/v1, on both hosts. Tests hold it
        /// against the module's operation catalogue and against the simulator itself: each route listed is answered,
        /// and every catalogued route not listed finds no route.
        /// </summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ServedRoutes { get; } = new[]
        {
            Route("GET", "/models"),
            Route("GET", "/agents"),
            Route("POST", "/agents"),
            Route("GET", "/agents/{agent_id}"),
            Route("PATCH", "/agents/{agent_id}"),
            Route("GET", "/agents/{agent_id}/versions"),
            Route("GET", "/agents/{agent_id}/versions/{version_id}"),
            Route("GET", "/agents/{agent_id}/sessions"),
            Route("POST", "/agents/{agent_id}/sessions"),
            Route("GET", "/sessions/{session_id}"),
            Route("PATCH", "/sessions/{session_id}"),
            Route("POST", "/sessions/{session_id}/messages"),
            Route("POST", "/sessions/{session_id}/cancel"),
            Route("POST", "/sessions/{session_id}/approvals"),
            Route("POST", "/sessions/{session_id}/files"),
            Route("GET", "/sessions/{session_id}/queue"),
            Route("POST", "/sessions/{session_id}/queue"),
            Route("PATCH", "/sessions/{session_id}/queue/{queued_message_id}"),
            Route("DELETE", "/sessions/{session_id}/queue/{queued_message_id}"),
            Route("POST", "/sessions/{session_id}/queue/{queued_message_id}/send"),
            Route("POST", "/start_pipeline"),
            Route("POST", "/kill_pipeline"),
            Route("GET", "/get_pl_run"),
            Route("GET", "/list_workbooks"),
            Route("GET", "/list_saved_items"),
            Route("GET", "/get_inputs"),
            Route("GET", "/get_plrun_saved_item_map"),
            Route("POST", "/download_file"),
            Route("POST", "/download_files"),
            Route("POST", "/upload_file"),
            Route("POST", "/upload_files"),
            Route("GET", "/teams"),
            Route("GET", "/skills"),
        };

        private static KeyValuePair<string, string> Route(string method, string template) => new KeyValuePair<string, string>(method, template);
    }
}
