using System.Text;
using ComposeGen.Benchmarks;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Yaml;
using ComposeGen.Tests.Conformance;

namespace ComposeGen.Tests.Parsing;

/// <summary>YamlReader gives the same trees, spans and problems whether the fast path for YAML events reads a text or YamlDotNet does.</summary>
public class FastYamlReaderTests
{
    public static TheoryData<string> CorpusYaml() => FastYamlParserTests.CorpusYaml();

    [Theory]
    [MemberData(nameof(CorpusYaml))]
    public void A_corpus_file_reads_the_same_through_either_parser(string relativePath)
        => AssertSameRead(File.ReadAllText(Path.Combine(CorpusFiles.Root, relativePath)));

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void The_benchmark_projects_read_the_same_through_either_parser(int services)
    {
        foreach (var (_, text) in SyntheticCompose.Generate(services))
            AssertSameRead(text);
    }

    [Theory]
    [InlineData("\uFEFFservices:\n  web:\n    image: nginx\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: *undefined\n")]
    [InlineData("x: &a [*a]\n")]
    [InlineData("1: one\ntrue: yes\n")]
    [InlineData("a: ${VAR:-default}\nb: ${UNSET}\nc: ${BAD\n")]
    [InlineData("x: &m {k: v}\nservices:\n  s:\n    <<: [*m, 3]\n")]
    [InlineData("a: b: c\n")]
    public void Problems_and_spans_are_the_same_through_either_parser(string yaml)
        => AssertSameRead(yaml);

    private static void AssertSameRead(string text)
    {
        var variables = new DictionaryVariableSource(new Dictionary<string, string> { ["VAR"] = "set" });
        var fast = YamlReader.Read(text, "compose.yaml", variables, null, allowFastPath: true);
        var slow = YamlReader.Read(text, "compose.yaml", variables, null, allowFastPath: false);
        Assert.Equal(Dump(slow), Dump(fast));
    }

    private static string Dump(YamlReadResult result)
    {
        var text = new StringBuilder();
        var seen = new Dictionary<YNode, int>(ReferenceEqualityComparer.Instance);
        text.Append("merge tags: ").Append(result.HasMergeTags).Append('\n');
        foreach (var problem in result.Problems)
            text.Append("problem ").Append(problem.Id).Append(' ').Append(problem.Severity).Append(' ').Append(problem.Span).Append(' ').Append(problem.Message).Append('\n');
        foreach (var document in result.Documents)
            Dump(document, 0, text, seen);
        return text.ToString();
    }

    private static void Dump(YNode node, int depth, StringBuilder text, Dictionary<YNode, int> seen)
    {
        text.Append(' ', depth * 2);
        if (seen.TryGetValue(node, out var id))
        {
            text.Append("shared #").Append(id).Append('\n');
            return;
        }

        seen[node] = seen.Count;
        text.Append('#').Append(seen[node]).Append(' ').Append(node.KindName).Append(' ').Append(node.Span).Append(" tag=").Append(node.Tag);
        switch (node)
        {
            case YScalar scalar:
                text.Append(" raw='").Append(scalar.Raw).Append("' value='").Append(scalar.Value).Append("' plain=").Append(scalar.IsPlain)
                    .Append(" unresolved=").Append(scalar.IsUnresolved).Append('\n');
                break;
            case YSequence sequence:
                text.Append('\n');
                foreach (var item in sequence.Items)
                    Dump(item, depth + 1, text, seen);
                break;
            case YMapping mapping:
                text.Append('\n');
                foreach (var entry in mapping.Entries)
                {
                    text.Append(' ', depth * 2 + 1).Append("key '").Append(entry.Key).Append("' ").Append(entry.KeySpan).Append('\n');
                    Dump(entry.Value, depth + 1, text, seen);
                }

                break;
        }
    }
}
