using CameraCloud.Silo;

// One node: grains with embedded storage, V720 listeners and the gateway. Configuration keys are in
// appsettings.json and README.md; --urls sets the gateway address.
var app = SiloApplication.Create(args);
try
{
    await app.StartAsync();
}
catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // A port in use or a bad setting: say which, without a stack trace.
    SiloLog.StartFailed(app.Logger, ex.Message);
    return 1;
}
await app.WaitForShutdownAsync();
return 0;
