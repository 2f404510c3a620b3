using System.Text.RegularExpressions;

namespace CameraCloud.Chart.Tests;

public sealed partial class ValuesDocumentationTests
{
    [Fact]
    public void Every_value_has_a_helm_docs_comment()
    {
        var lines = File.ReadAllLines(ChartFolder.Values);

        var undocumented = Enumerable.Range(0, lines.Length)
            .Where(i => KeyLine().IsMatch(lines[i]) && Indent(lines[i]) == 0)
            .SelectMany(i => Undocumented(lines, i))
            .ToList();

        Assert.True(undocumented.Count == 0, "values.yaml keys without a `# --` comment: " + string.Join(", ", undocumented));
    }

    /// <summary>
    /// helm-docs reads a <c># --</c> comment above a key; a mapping without one is documented when each of
    /// its keys is.
    /// </summary>
    private static IEnumerable<string> Undocumented(string[] lines, int index)
    {
        if (HasDocComment(lines, index))
        {
            yield break;
        }

        var indent = Indent(lines[index]);
        var children = ChildKeys(lines, index, indent).ToList();
        var name = KeyLine().Match(lines[index]).Groups["key"].Value;
        if (children.Count == 0)
        {
            yield return $"{name} (line {index + 1})";
            yield break;
        }

        foreach (var child in children.SelectMany(c => Undocumented(lines, c)))
        {
            yield return $"{name}.{child}";
        }
    }

    private static IEnumerable<int> ChildKeys(string[] lines, int parent, int parentIndent)
    {
        if (!string.IsNullOrWhiteSpace(KeyLine().Match(lines[parent]).Groups["value"].Value))
        {
            yield break;
        }

        int? childIndent = null;
        for (var i = parent + 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }

            var indent = Indent(lines[i]);
            if (indent <= parentIndent || !KeyLine().IsMatch(lines[i]))
            {
                yield break;
            }

            childIndent ??= indent;
            if (indent == childIndent)
            {
                yield return i;
            }
        }
    }

    private static bool HasDocComment(string[] lines, int index)
    {
        for (var i = index - 1; i >= 0 && lines[i].TrimStart().StartsWith('#'); i--)
        {
            if (lines[i].TrimStart().StartsWith("# --", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z][A-Za-z0-9_]*):(?<value>.*)$")]
    private static partial Regex KeyLine();
}
