using CameraCloud.Cameras;
using Xunit;

namespace CameraCloud.Gateway.Tests;

public sealed class DangerousCommandsTests
{
    [Fact]
    public void Every_dangerous_setting_has_its_own_reason()
    {
        var fallback = DangerousCommands.DescribeRisk((CameraSetting)(-1));
        var dangerous = Enum.GetValues<CameraSetting>().Where(s => new CameraCommand(s, "{}").IsDangerous).ToList();

        Assert.NotEmpty(dangerous);
        foreach (var setting in dangerous)
        {
            var reason = DangerousCommands.DescribeRisk(setting);
            Assert.NotEqual(fallback, reason);
            Assert.StartsWith(CameraCommandEndpoints.CommandName(setting), reason, StringComparison.Ordinal);
        }
    }
}
