using System.Globalization;
using CameraCloud.Agents;
using CameraCloud.Cameras;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace CameraCloud.Gateway;

/// <summary>
/// Every error the gateway returns, as RFC 9457 problem details: one fixed <c>title</c> per kind of error so
/// clients can switch on it, a <c>detail</c> that says what to change, never an exception's stack or type.
/// </summary>
internal static class ProblemResults
{
    public const string InvalidCameraIdTitle = "Invalid camera id";
    public const string InvalidRequestTitle = "Invalid request";
    public const string BodyTooLargeTitle = "Request body too large";
    public const string UnsupportedMediaTypeTitle = "Unsupported media type";
    public const string ConfirmationRequiredTitle = "Confirmation required";
    public const string CameraNotFoundTitle = "Camera not found";
    public const string CameraOfflineTitle = "Camera offline";
    public const string CameraTimeoutTitle = "Camera did not answer in time";
    public const string UnexpectedTitle = "Unexpected error";
    public const string InvalidAgentIdTitle = "Invalid agent id";
    public const string AgentNotFoundTitle = "Agent not found";
    public const string AgentOfflineTitle = "Agent offline";
    public const string AgentIdTakenTitle = "Agent id taken";
    public const string AgentTimeoutTitle = "Agent did not answer in time";
    public const string PortsExhaustedTitle = "No gateway port free";
    public const string OwnerUnreachableTitle = "Owner node unreachable";
    public const string NoOwnerTitle = "No node holds the device";
    public const string DirectoryUnavailableTitle = "Device directory unavailable";
    public const string ApiKeyRequiredTitle = "API key required";
    public const string ApiKeyRejectedTitle = "API key not accepted";
    public const string RoleTooLowTitle = "Not allowed for this key's role";
    public const string TooManyFailedLoginsTitle = "Too many failed logins";
    public const string ApiKeyNotFoundTitle = "API key not found";
    public const string ApiKeyLimitTitle = "Too many API keys";

    public static ProblemHttpResult ApiKeyRequired() =>
        Create(StatusCodes.Status401Unauthorized, ApiKeyRequiredTitle,
            "Send an API key as 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>').");

    public static ProblemHttpResult ApiKeyRejected() =>
        Create(StatusCodes.Status401Unauthorized, ApiKeyRejectedTitle, "The API key is unknown, revoked or mistyped.");

    public static ProblemHttpResult RoleTooLow(string role, string needed) =>
        Create(StatusCodes.Status403Forbidden, RoleTooLowTitle, $"This key has the role '{role}'; this request needs '{needed}' or above.");

    public static ProblemHttpResult TooManyFailedLogins(int retryAfterSeconds) =>
        Create(StatusCodes.Status429TooManyRequests, TooManyFailedLoginsTitle,
            $"Too many requests with a wrong API key came from this address or for this key; try again in {retryAfterSeconds.ToString(CultureInfo.InvariantCulture)} s.");

    public static ProblemHttpResult ApiKeyNotFound(string id) =>
        Create(StatusCodes.Status404NotFound, ApiKeyNotFoundTitle, $"No API key has the id '{id}'.");

    public const string ShareNotFoundTitle = "Viewing link not found";

    public static ProblemHttpResult ShareNotFound(string cameraId, string shareId) =>
        Create(StatusCodes.Status404NotFound, ShareNotFoundTitle, $"Camera '{cameraId}' has no viewing link with the id '{shareId}'.");

    public static ProblemHttpResult ApiKeyLimit(string detail) =>
        Create(StatusCodes.Status409Conflict, ApiKeyLimitTitle, detail);

    public static ProblemHttpResult InvalidCameraId() =>
        Create(StatusCodes.Status400BadRequest, InvalidCameraIdTitle, CameraId.Rule);

    public static ProblemHttpResult InvalidRequest(string detail) =>
        Create(StatusCodes.Status400BadRequest, InvalidRequestTitle, detail);

    public static ProblemHttpResult BodyTooLarge(int maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, BodyTooLargeTitle,
            $"The request body must be at most {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes.");

    public static ProblemHttpResult UnsupportedMediaType() =>
        Create(StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaTypeTitle,
            "Send the request body as JSON with 'Content-Type: application/json'.");

    /// <summary>
    /// A dangerous command without <c>"confirm": true</c>. 400, like every other request that lacks a field its
    /// command needs; the <c>requiresConfirmation</c> extension lets a client tell it apart and ask its user.
    /// </summary>
    public static ProblemHttpResult ConfirmationRequired(CameraSetting setting, string commandName, string risk) =>
        Create(StatusCodes.Status400BadRequest, ConfirmationRequiredTitle,
            $"'{commandName}' needs explicit confirmation: {risk} Send it again with \"confirm\": true.",
            new Dictionary<string, object?>
            {
                ["command"] = commandName,
                ["code"] = (int)setting,
                ["requiresConfirmation"] = true,
            });

    public static ProblemHttpResult CameraNotFound(string cameraId) =>
        Create(StatusCodes.Status404NotFound, CameraNotFoundTitle, $"Camera '{cameraId}' is not registered.");

    public static ProblemHttpResult CameraOffline(string cameraId) =>
        Create(StatusCodes.Status503ServiceUnavailable, CameraOfflineTitle,
            $"Camera '{cameraId}' is registered but not connected.");

    public static ProblemHttpResult StreamEndedBeforeFrame(string cameraId) =>
        Create(StatusCodes.Status503ServiceUnavailable, CameraOfflineTitle,
            $"Camera '{cameraId}' stopped streaming before it sent a frame.");

    public static ProblemHttpResult SnapshotTimedOut(string cameraId, TimeSpan timeout) =>
        Create(StatusCodes.Status504GatewayTimeout, CameraTimeoutTitle,
            $"No frame from camera {cameraId} within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");

    public static ProblemHttpResult CallTimedOut() =>
        Create(StatusCodes.Status504GatewayTimeout, CameraTimeoutTitle, "The camera's actor did not answer in time; try again.");

    public static ProblemHttpResult InvalidAgentId() =>
        Create(StatusCodes.Status400BadRequest, InvalidAgentIdTitle, AgentId.Rule);

    public static ProblemHttpResult AgentNotFound(string agentId) =>
        Create(StatusCodes.Status404NotFound, AgentNotFoundTitle, $"Agent '{agentId}' is not provisioned.");

    public static ProblemHttpResult AgentOffline(string agentId) =>
        Create(StatusCodes.Status503ServiceUnavailable, AgentOfflineTitle,
            $"Agent '{agentId}' is provisioned but not connected.");

    public static ProblemHttpResult AgentIdTaken(string agentId) =>
        Create(StatusCodes.Status409Conflict, AgentIdTakenTitle,
            $"Agent id '{agentId}' is taken; choose another or leave 'id' out to get a generated one.");

    public static ProblemHttpResult AgentTimedOut(string agentId) =>
        Create(StatusCodes.Status504GatewayTimeout, AgentTimeoutTitle,
            $"Agent '{agentId}' did not answer the control request in time; it may be on a slow link, try again.");

    public static ProblemHttpResult PortsExhausted(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, PortsExhaustedTitle, detail);

    /// <summary>The device's owner is another node, and it did not answer the forwarded request.</summary>
    public static ProblemHttpResult OwnerUnreachable(string device, string nodeId, string reason) =>
        Create(StatusCodes.Status502BadGateway, OwnerUnreachableTitle,
            $"{device} is connected to node '{nodeId}', which did not answer: {reason}. If that node died, the device " +
            "reconnects to another node within its reconnect time; try again then.");

    public static ProblemHttpResult NoOwner(string device) =>
        Create(StatusCodes.Status404NotFound, NoOwnerTitle,
            $"No node holds {device}: it is offline, or its node died and it has not reconnected yet.");

    public static ProblemHttpResult DirectoryUnavailable(string reason) =>
        Create(StatusCodes.Status503ServiceUnavailable, DirectoryUnavailableTitle,
            $"The device directory did not answer ({reason}); try again.");

    public static ProblemHttpResult CancelledByServer() =>
        Create(StatusCodes.Status503ServiceUnavailable, ReasonPhrases.GetReasonPhrase(StatusCodes.Status503ServiceUnavailable),
            "The server cancelled the request (it may be shutting down); try again.");

    public static ProblemHttpResult Unexpected() =>
        Create(StatusCodes.Status500InternalServerError, UnexpectedTitle,
            "The server could not complete the request. The error was logged.");

    /// <summary>A problem for an error status that a framework component set without a body.</summary>
    public static ProblemHttpResult ForStatus(int statusCode)
    {
        var detail = statusCode switch
        {
            StatusCodes.Status400BadRequest =>
                "The request could not be read: a route or query parameter has the wrong type, or the body is malformed. See the API description at /swagger.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            _ => "The request could not be processed.",
        };
        var title = statusCode == StatusCodes.Status400BadRequest ? InvalidRequestTitle : ReasonPhrases.GetReasonPhrase(statusCode);
        return Create(statusCode, string.IsNullOrEmpty(title) ? UnexpectedTitle : title, detail);
    }

    /// <summary>
    /// Maps an exception that escaped an endpoint to its problem. Camera and agent exceptions are looked for in
    /// the whole chain because an actor runtime may wrap what a grain threw.
    /// </summary>
    /// <returns>null when the exception is not one the gateway expects (the caller logs it and answers 500).</returns>
    public static ProblemHttpResult? FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (FindKnown(exception, depth: 0))
        {
            case CameraNotFoundException notFound:
                return CameraNotFound(notFound.CameraId);
            case CameraOfflineException offline:
                return CameraOffline(offline.CameraId);
            case AgentNotFoundException agentNotFound:
                return AgentNotFound(agentNotFound.AgentId);
            case AgentOfflineException agentOffline:
                return AgentOffline(agentOffline.AgentId);
            case AgentIdTakenException taken:
                return AgentIdTaken(taken.AgentId);
            case TunnelPortsExhaustedException exhausted:
                return PortsExhausted(exhausted.Message);
            case TimeoutException:
                return CallTimedOut();
            case OperationCanceledException:
                return CancelledByServer();
            case BadHttpRequestException badRequest:
                return badRequest.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => ForStatus(StatusCodes.Status413PayloadTooLarge),
                    >= 400 and < 500 => ForStatus(badRequest.StatusCode),
                    _ => ForStatus(StatusCodes.Status400BadRequest),
                };
            default:
                return null;
        }
    }

    private static Exception? FindKnown(Exception exception, int depth)
    {
        // Bounded: a pathological cycle of inner exceptions must not hang the error path.
        if (depth > 8)
        {
            return null;
        }
        if (exception is CameraNotFoundException or CameraOfflineException or AgentNotFoundException or AgentOfflineException
            or AgentIdTakenException or TunnelPortsExhaustedException or TimeoutException
            or OperationCanceledException or BadHttpRequestException)
        {
            return exception;
        }
        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                if (FindKnown(inner, depth + 1) is { } found)
                {
                    return found;
                }
            }
            return null;
        }
        return exception.InnerException is { } next ? FindKnown(next, depth + 1) : null;
    }

    private static ProblemHttpResult Create(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
