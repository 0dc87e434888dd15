using System.Globalization;
using System.Text.Json;

namespace GumloopPS.Core;

internal static class ApiErrors
{
    public const int MaxReportedBody = 2048;

    internal const string CheckSessionAdvice =
        " The message may already have been accepted; check the session before sending again.";

    /// <param name="redactedBody">Error body, already capped and with the secret replaced.</param>
    public static GumloopApiException Create(int status, string? redactedBody, string? requestId, string method, string url, GumloopRequestKind kind)
    {
        string? code = null;
        string? type = null;
        string? apiMessage = null;
        string? param = null;
        JsonMap? details = null;
        bool canonical = false;

        string body = redactedBody ?? string.Empty;
        string trimmed = body.Trim();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 256 });
                JsonElement root = doc.RootElement;
                if (JsonRead.TryGet(root, "error", out JsonElement error))
                {
                    if (error.ValueKind == JsonValueKind.Object)
                    {
                        canonical = true;
                        code = JsonRead.String(error, "code");
                        type = JsonRead.String(error, "type");
                        apiMessage = JsonRead.String(error, "message");
                        param = JsonRead.String(error, "param");
                        details = JsonRead.Map(error, "details");
                    }
                    else if (error.ValueKind == JsonValueKind.String)
                    {
                        code = error.GetString();
                        apiMessage = JsonRead.FirstString(root, "error_description", "message");
                        details = new JsonMap();
                        foreach (JsonProperty property in root.EnumerateObject())
                        {
                            if (property.Name != "error")
                            {
                                details[property.Name] = JsonConvertValue.ToObject(property.Value);
                            }
                        }
                    }
                }
                else
                {
                    // Frameworks in front of the API answer {"detail": "..."} or {"message": "..."}.
                    apiMessage = JsonRead.FirstString(root, "message", "detail");
                }
            }
            catch (JsonException)
            {
            }
        }

        string message;
        if (canonical && !string.IsNullOrWhiteSpace(apiMessage))
        {
            message = apiMessage!;
        }
        else
        {
            message = "Gumloop API returned HTTP " + status.ToString(CultureInfo.InvariantCulture);
            if (!canonical && !string.IsNullOrEmpty(code))
            {
                message += ": " + code;
            }
        }

        bool mayHaveBeenAccepted = kind == GumloopRequestKind.MessageCreating && (status >= 500 || status == 408);
        if (mayHaveBeenAccepted)
        {
            message = message.TrimEnd() + (message.TrimEnd().EndsWith(".") ? string.Empty : ".") + CheckSessionAdvice;
        }

        return new GumloopApiException(message, status)
        {
            MayHaveBeenAccepted = mayHaveBeenAccepted,
            ErrorCode = code,
            ErrorType = type ?? TypeForStatus(status),
            ApiMessage = apiMessage,
            Param = param,
            Details = details,
            RequestId = requestId,
            ResponseBody = body.Length > MaxReportedBody ? body.Substring(0, MaxReportedBody) : body,
            Method = method,
            Url = url,
        };
    }

    /// <summary>Mirrors the backend's api_error_type() so flat and non-JSON errors still carry a type.</summary>
    public static string? TypeForStatus(int status)
    {
        if (status == 401)
        {
            return "authentication_error";
        }

        if (status == 403)
        {
            return "permission_error";
        }

        if (status == 404)
        {
            return "not_found_error";
        }

        if (status == 429)
        {
            return "rate_limit_error";
        }

        if (status >= 500)
        {
            return "api_error";
        }

        return status >= 400 ? "invalid_request_error" : null;
    }
}
