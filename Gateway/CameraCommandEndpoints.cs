using System.Text.Json;
using System.Text.Json.Nodes;
using CameraCloud.Actors;
using CameraCloud.Cameras;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway;

/// <summary>Camera settings and actions (protocol §4.2 forward content).</summary>
internal static class CameraCommandEndpoints
{

    private static readonly string CommandNames =
        string.Join(", ", Enum.GetValues<CameraSetting>().Select(CommandName));

    public static void Map(RouteGroupBuilder cameras)
    {
        cameras.MapPost("/{id}/commands", SendAsync)
            .RequireAuthorization(Auth.ApiPolicies.Operator)
            .WithName("SendCameraCommand")
            .WithSummary("Send a setting or action to a camera")
            .WithDescription(
                "Validates the command's arguments and sends it over the camera's connection; 202 means it was handed to " +
                "the connection (cameras do not acknowledge settings). Ranges: speedGrade 0-5, irLed 0-2, sdMoveMode 0-1, " +
                "moveAlert 0-1, moveGrade 0-5, sdRecording 0-1, instLed 0-1, ptz 0-4, mirrorFlip 0-4; joinWifi needs ssid " +
                "and password. reboot, powerOff, formatSdCard, accessPointMode and joinWifi can cut the camera off or erase " +
                "data: they are refused with 400 'Confirmation required' unless the body has \"confirm\": true.")
            .AcceptsJsonBody<CameraCommandRequest>()
            .Produces<CommandAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <param name="id">Camera id: 1 to 32 letters or digits, in any case.</param>
    /// <param name="request">The HTTP request (its body is read with a size cap).</param>
    /// <param name="grains">Grain factory.</param>
    /// <param name="options">Gateway options.</param>
    /// <param name="json">JSON options.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> SendAsync(
        string id, HttpRequest request, [FromServices] IGrainFactory grains, [FromServices] IOptions<GatewayOptions> options,
        [FromServices] IOptions<HttpJsonOptions> json, [FromServices] ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!CameraId.TryNormalize(id, out var normalized))
        {
            return ProblemResults.InvalidCameraId();
        }
        id = normalized;
        var (body, problem) = await JsonBodyReader.ReadAsync<CameraCommandRequest>(
            request, options.Value.MaxRequestBodyBytes, json.Value.SerializerOptions, DescribeJsonError, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (body?.Command is not { } setting)
        {
            return ProblemResults.InvalidRequest($"'command' is required: one of {CommandNames}.");
        }
        var command = CameraCommand.TryCreate(setting, body.Value, body.Ssid, body.Password, out var error);
        if (command is null)
        {
            return ProblemResults.InvalidRequest(error ?? $"'{CommandName(setting)}' has invalid arguments.");
        }

        var logger = loggers.CreateLogger(GatewayLog.Category);
        if (command.IsDangerous && !body.Confirm)
        {
            logger.CommandNeedsConfirmation(id, setting);
            return ProblemResults.ConfirmationRequired(setting, CommandName(setting), DangerousCommands.DescribeRisk(setting));
        }

        await grains.GetGrain<ICameraGrain>(id).SendCommandAsync(command, cancellationToken);
        logger.CommandSent(id, setting);
        return TypedResults.Accepted((string?)null, new CommandAccepted(setting, (int)setting, ContentForResponse(command)));
    }

    /// <summary>The API's name of a setting, as the JSON enum converter writes it.</summary>
    internal static string CommandName(CameraSetting setting) => CameraCommand.ApiName(setting);


    private static string? DescribeJsonError(string? path) =>
        path == "$.command" ? $"'command' must be one of: {CommandNames}." : null;

    private static JsonElement ContentForResponse(CameraCommand command)
    {
        using var content = JsonDocument.Parse(command.MaskedContentJson);
        return content.RootElement.Clone();
    }
}
