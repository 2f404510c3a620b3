using System.Text.RegularExpressions;

namespace CameraCloud.Chart.Tests;

/// <summary>
/// What can be checked in the templates without helm: that they only read values values.yaml defines
/// (a typo renders as an empty string, not an error) and that every block is closed.
/// </summary>
public sealed partial class TemplateTests
{
    public static TheoryData<string> TemplateFiles =>
        new(Directory.EnumerateFiles(ChartFolder.Templates).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Fact]
    public async Task Templates_read_only_values_that_values_yaml_defines()
    {
        var defined = await Tools.ValuePathsAsync(ChartFolder.Values);

        var unknown = Directory.EnumerateFiles(ChartFolder.Templates)
            .SelectMany(file => ValueReference().Matches(File.ReadAllText(file))
                .Select(m => (File: Path.GetFileName(file), Path: m.Groups["path"].Value)))
            .Where(r => !defined.Contains(r.Path))
            .Select(r => $"{r.File}: .Values.{r.Path}")
            .Distinct()
            .ToList();

        Assert.True(unknown.Count == 0, "templates read values that values.yaml does not define: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Templates_reference_values()
    {
        // Guards the test above against a regex that matches nothing.
        var text = File.ReadAllText(Path.Combine(ChartFolder.Templates, "deployment.yaml"));

        Assert.Contains(ValueReference().Matches(text), m => m.Groups["path"].Value == "v720.tcpPort");
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Every_template_block_is_closed(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(ChartFolder.Templates, fileName));

        var depth = 0;
        foreach (Match action in Action().Matches(text))
        {
            var keyword = action.Groups["keyword"].Value;
            depth += keyword is "if" or "range" or "with" or "define" ? 1 : keyword == "end" ? -1 : 0;
            Assert.True(depth >= 0, $"{fileName}: an {{{{ end }}}} without a block at offset {action.Index}");
        }

        Assert.True(depth == 0, $"{fileName}: {depth} block(s) not closed by {{{{ end }}}}");
    }

    [GeneratedRegex(@"\.Values\.(?<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValueReference();

    /// <summary>The first word of a template action; comments (<c>{{/* */}}</c>) do not start with a word.</summary>
    [GeneratedRegex(@"\{\{-?\s*(?<keyword>if|range|with|define|end|else)\b")]
    private static partial Regex Action();
}
