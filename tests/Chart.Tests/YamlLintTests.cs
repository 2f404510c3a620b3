namespace CameraCloud.Chart.Tests;

public sealed class YamlLintTests
{
    [Fact]
    public async Task Plain_yaml_of_the_chart_passes_yamllint()
    {
        // templates/ is Go template text until helm renders it; everything else must be clean YAML.
        string[] files = [Path.Combine(ChartFolder.Chart, "Chart.yaml"), Path.Combine(ChartFolder.Chart, ".yamllint"), .. ChartFolder.ValuesFiles];

        var result = await Tools.YamlLintAsync(files);

        Assert.True(result.ExitCode == 0, $"yamllint found problems:\n{result.Output}");
    }
}
