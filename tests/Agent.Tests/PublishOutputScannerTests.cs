using CameraCloud.Agent.Packaging;

namespace CameraCloud.Agent.Tests;

public sealed class PublishOutputScannerTests
{
    [Fact]
    public void A_missing_runtime_pack_for_the_rid_is_spotted()
    {
        var scanner = new PublishOutputScanner("linux-arm64", 10);

        scanner.Add("  Determining projects to restore...");
        scanner.Add("/src/Agent/CameraCloud.Agent.csproj : error NU1101: Unable to find package Microsoft.NETCore.App.Runtime.linux-arm64. No packages exist with this id in source(s): nuget.org");
        scanner.Add("/src/Agent/CameraCloud.Agent.csproj : error NU1101: Unable to find package Microsoft.NETCore.App.Host.linux-arm64. No packages exist with this id in source(s): nuget.org");

        Assert.Equal("Microsoft.NETCore.App.Runtime.linux-arm64", scanner.MissingPack);
    }

    [Fact]
    public void A_missing_host_pack_alone_is_named_as_such()
    {
        var scanner = new PublishOutputScanner("linux-arm", 10);

        scanner.Add("error NU1101: Unable to find package Microsoft.NETCore.App.Host.linux-arm.");

        Assert.Equal("Microsoft.NETCore.App.Host.linux-arm", scanner.MissingPack);
    }

    [Fact]
    public void Other_missing_packages_and_other_rids_are_not_a_missing_runtime_pack()
    {
        var scanner = new PublishOutputScanner("linux-x64", 10);

        scanner.Add("error NU1101: Unable to find package Some.Library.");
        scanner.Add("error NU1101: Unable to find package Microsoft.NETCore.App.Runtime.linux-arm64.");
        scanner.Add("error CS1002: ; expected");

        Assert.Null(scanner.MissingPack);
    }

    [Fact]
    public void Only_the_last_lines_are_kept()
    {
        var scanner = new PublishOutputScanner("linux-x64", 3);

        for (var i = 0; i < 100; i++)
        {
            scanner.Add($"line {i}");
        }

        Assert.Equal("line 97\nline 98\nline 99", scanner.Tail());
    }
}
