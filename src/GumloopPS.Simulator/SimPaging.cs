using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace GumloopPS.Simulator
{
    /// <summary>The page size and offset cursors that the simulator's cursor-paged lists share (API.md section 5.1).</summary>
    public sealed partial class GumloopSimulator
    {
        /// <summary>page_size clamped to 1..100 (API.md section 5.1); a non-integer is 400.</summary>
        private static bool TryPageSize(SimRequestContext req, out int pageSize, out SimResponse? error)
        {
            pageSize = 20;
            error = null;
            var text = req.Q("page_size");
            if (text == null) return true;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out pageSize))
            {
                error = SimResponse.Error(400, "invalid_page_size", "page_size must be an integer.", "page_size");
                return false;
            }
            pageSize = Math.Max(1, Math.Min(100, pageSize));
            return true;
        }

        /// <summary>Cursors are base64 JSON holding an offset; anything else is 400 invalid_cursor.</summary>
        private static bool TryOffsetCursor(SimRequestContext req, string key, out int offset, out SimResponse? error)
        {
            offset = 0;
            error = null;
            var cursor = req.Q("cursor");
            if (cursor == null) return true;
            if (SimText.TryFromBase64Json(cursor, out var doc))
            {
                using (doc)
                {
                    if (doc!.RootElement.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out offset) && offset >= 0)
                        return true;
                }
            }
            error = SimResponse.Error(400, "invalid_cursor", "The cursor is invalid or has expired.", "cursor");
            return false;
        }

        private static string OffsetCursor(string key, int offset) => SimText.ToBase64Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber(key, offset);
            w.WriteEndObject();
        });
    }
}
