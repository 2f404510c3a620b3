namespace CameraCloud.Chart.Tests;

public sealed class ValuesSchemaTests
{
    public static TheoryData<string> ValuesFiles => new(ChartFolder.ValuesFiles.Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(ValuesFiles))]
    public async Task Values_file_validates_against_the_schema(string fileName)
    {
        var path = ChartFolder.ValuesFiles.Single(f => Path.GetFileName(f) == fileName);

        var result = await Tools.ValidateAsync(path);

        Assert.True(result.ExitCode == 0, $"{fileName} does not validate against values.schema.json:\n{result.Output}");
    }

    [Fact]
    public void There_are_examples_to_validate()
    {
        Assert.NotEmpty(ChartFolder.Examples);
    }

    [Theory]
    [InlineData("string-port.yaml", "v720.tcpPort")]
    [InlineData("unknown-key.yaml", "replicas")]
    [InlineData("port-range-too-wide.yaml", "tunnel.portCount")]
    [InlineData("roles-grains.yaml", "roles.1")]
    [InlineData("roles-empty.yaml", "roles")]
    [InlineData("cluster-timespan.yaml", "cluster.leaseDuration")]
    [InlineData("pod-address-typo.yaml", "enable")]
    public async Task Invalid_values_are_rejected_naming_the_value(string fileName, string expectedInMessage)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "invalid", fileName);

        var result = await Tools.ValidateAsync(path);

        Assert.True(result.ExitCode == 1, $"{fileName} should be rejected (exit 1), got {result.ExitCode}:\n{result.Output}");
        Assert.Contains(expectedInMessage, result.Output, StringComparison.Ordinal);
    }
}
