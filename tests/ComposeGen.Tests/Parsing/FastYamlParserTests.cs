using System.Globalization;
using System.Text;
using ComposeGen.Benchmarks;
using ComposeGen.Parsing.Yaml.Fast;
using ComposeGen.Tests.Conformance;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ComposeGen.Tests.Parsing;

/// <summary>
/// The fast path for YAML events either declines a text or gives exactly the events YamlDotNet's parser gives:
/// same kinds, values, styles, anchors, tags, implicit flags and start and end marks.
/// </summary>
public class FastYamlParserTests
{
    public static TheoryData<string> CorpusYaml()
    {
        var data = new TheoryData<string>();
        foreach (var path in AllCorpusYaml())
            data.Add(Path.GetRelativePath(CorpusFiles.Root, path).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusYaml))]
    public void Every_corpus_file_is_declined_or_read_exactly_as_YamlDotNet_reads_it(string relativePath)
        => AssertDeclinedOrIdentical(File.ReadAllText(Path.Combine(CorpusFiles.Root, relativePath)));

    [Fact]
    public void The_fast_path_takes_the_corpus_files_written_in_the_subset_it_handles()
    {
        var declined = AllCorpusYaml()
            .Where(path => FastYamlParser.TryGetEvents(StripByteOrderMark(File.ReadAllText(path))) is null)
            .Select(path => Path.GetRelativePath(CorpusFiles.Root, path).Replace('\\', '/'))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();

        // Each of these is declined for a reason it shows: a construct outside the subset, or malformed YAML.
        Assert.Equal(ExpectedDeclined, declined);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void The_benchmark_projects_are_taken_and_read_exactly(int services)
    {
        foreach (var (_, text) in SyntheticCompose.Generate(services))
        {
            Assert.NotNull(FastYamlParser.TryGetEvents(text));
            AssertDeclinedOrIdentical(text);
        }
    }

    [Theory]
    [InlineData("services:\n  web:\n    image: nginx:1.27\n")]
    [InlineData("a: 'it''s'\nb: \"tab\\there \\\"q\\\" \\\\ \\/ \\x41 \\u00e9 \\U0001F600 \\0 \\a \\b \\e \\f \\v \\r \\n \\N \\_ \\L \\P \\ \"\n")]
    [InlineData("key: value # comment\n# whole line\nother: 'v' # c\nthird: \"v\" # c\n")]
    [InlineData("url: http://a:b@c:5432/x\nhost: a:b\nport: 8080:80\ntime: 12:30:00\n")]
    [InlineData("list:\n  - \"a: b\"\n  - 'c: d'\n  - e\n  -\n  - - nested\n    - more\n")]
    [InlineData("empty:\nquoted: \"\"\nsingle: ''\ntilde: ~\nnull: null\nint: 42\nfloat: -1.5e3\nbool: true\n")]
    [InlineData("a: |\n  line 1\n  line 2\n\n\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\n\nd: |+\n  keep\n\n\ne: >-\n  x\n   more indented\n  y\nf: |2\n    two\ng: >+\n  k\n")]
    [InlineData("a: |\n  ends without newline")]
    [InlineData("a: |\n\n  leading blank line\nb: |\n   \n  x\n")]
    [InlineData("x-base: &base\n  image: a\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: b\n  db:\n    <<: [*base]\n")]
    [InlineData("services:\n  web:\n    ports: !reset []\n    environment: !override\n      A: 1\n    volumes: !reset null\n    command: !reset\n")]
    [InlineData("---\nservices: {}\n")]
    [InlineData("--- # comment\nservices:\n  a: {}\n---\nservices:\n  b: {}\n")]
    [InlineData("a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\nc: |\r\n  l1\r\n  l2\r\n")]
    [InlineData("a: 1   \nb: two words   \n  \nc: 'q'   \n")]
    [InlineData("\"quoted key\": 1\n'single key': 2\nkey with spaces: 3\n\"a:b\": 4\n")]
    [InlineData("healthcheck:\n  test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n  x: []\n  y: {}\n  z: {a: b, c: \"d\", e: [1, 2]}\n  w: [a, b , c]\n")]
    [InlineData("multi:\n  - [\n      \"a\",\n      \"b\"\n    ]\n  - {a: 1,\n     b: 2}\n")]
    [InlineData("&anchor a: 1\n")]
    [InlineData("a: &x 1\nb: *x\nc: &y\n  - *x\nd: &z [1]\n")]
    [InlineData("- a\n- b: c\n  d: e\n- - f\n")]
    [InlineData("key:\n- indentless\n- sequence\nnext: 1\n")]
    [InlineData("a:\n  b:\n    c:\n      d: deep\ne: 1")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("\n\n")]
    [InlineData("just a scalar\n")]
    [InlineData("a: b\n  c\n")]
    [InlineData("a: \"multi\n  line\"\n")]
    [InlineData("a:\tb\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("? complex\n: key\n")]
    [InlineData("a: 1\n...\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: [1, 2\n")]
    [InlineData("a: 'unterminated\n")]
    [InlineData("a: *undefined\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a:\n  - b\n  c: d\n")]
    [InlineData("a: |0\n  x\n")]
    [InlineData("a: \"\\q\"\n")]
    [InlineData("a: !!str 1\nb: !<tag:x> 2\nc: ! 3\n")]
    [InlineData("a: -1\nb: --flag\nc: -\n")]
    [InlineData("a: [a: b]\nb: {a}\n")]
    [InlineData("a: 1 #c\n#c2\n  # indented comment\nb: 2\n")]
    [InlineData("a:    \n  b: 1\n")]
    [InlineData("top: value\n# comment\n  indented: after comment\n")]
    public void A_snippet_is_declined_or_read_exactly_as_YamlDotNet_reads_it(string yaml)
        => AssertDeclinedOrIdentical(yaml);

    [Theory]
    [InlineData("services:\n  web:\n    image: nginx\n")]
    [InlineData("a: 'it''s'\nb: \"esc \\\" \\\\ \\n\"\n")]
    [InlineData("x: &a {k: v}\ny: *a\nz:\n  <<: *a\n")]
    [InlineData("a: |\n  text\nb: >-\n  folded\n")]
    [InlineData("a: !reset []\nb: !override\n  - x\n")]
    [InlineData("---\na: 1\n---\nb: 2\n")]
    [InlineData("a: 1\r\nb: 2\r\n")]
    [InlineData("test: [\"CMD\", \"curl\"]\n")]
    [InlineData("")]
    public void Common_compose_constructs_are_taken(string yaml)
    {
        Assert.NotNull(FastYamlParser.TryGetEvents(yaml));
        AssertDeclinedOrIdentical(yaml);
    }

    [Theory]
    [InlineData("a: b\n  continued plain\n")]
    [InlineData("a: 'multi\n  line'\n")]
    [InlineData("a:\tb\n")]
    [InlineData("%YAML 1.2\n---\na: 1\n")]
    [InlineData("? k\n: v\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: [1, 2\n")]
    [InlineData("a: \"\\q\"\n")]
    [InlineData("a: \"x\"#c\n")]
    [InlineData("a: 1\nb\n")]
    public void Constructs_outside_the_subset_and_malformed_text_are_declined(string yaml)
        => Assert.Null(FastYamlParser.TryGetEvents(yaml));

    [Fact]
    public void Nesting_deeper_than_the_limit_is_declined_without_using_the_call_stack()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < FastScanner.MaxDepth + 10; i++)
            deep.Append(' ', i).Append("k:\n");
        Assert.Null(FastYamlParser.TryGetEvents(deep.ToString()));
        Assert.Null(FastYamlParser.TryGetEvents(new string('[', 100_000)));
    }

    [Fact]
    public void Corpus_files_with_random_edits_are_declined_or_read_exactly_as_YamlDotNet_reads_them()
    {
        // Seeded, so a failure reproduces: one or two edits with YAML's indicator characters at random places.
        var random = new Random(20_261_123);
        var files = AllCorpusYaml().Select(path => StripByteOrderMark(File.ReadAllText(path))).Where(text => text.Length > 0).ToList();
        var taken = 0;
        for (var i = 0; i < MutationCount; i++)
        {
            // Half from the corpus, half from snippets dense in block scalars, quotes, flow collections and anchors.
            var text = random.Next(2) == 0 ? files[random.Next(files.Count)] : DenseSnippets[random.Next(DenseSnippets.Length)];
            for (var edits = random.Next(1, 3); edits > 0; edits--)
                text = Mutate(text, random);
            try
            {
                taken += AssertDeclinedOrIdentical(text) ? 1 : 0;
            }
            catch (Exception exception)
            {
                throw new Xunit.Sdk.XunitException($"edited text \"{Escape(text)}\": {exception.Message}");
            }
        }

        // The edits must leave the fast path a good share of texts to take, or the comparison says little.
        Assert.InRange(taken, MutationCount / 4, MutationCount);
    }

    private static readonly string[] DenseSnippets =
    {
        "a: |\n  line 1\n  line 2\n\n\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\n\nd: |+\n  keep\n\n\ne: >-\n  x\n   more indented\n  y\nf: |2\n    two\ng: >+\n  k\n",
        "a: 'it''s'\nb: \"tab\\there \\\"q\\\" \\\\ \\/ \\x41 \\u00e9 \\0 \\N\"\nc: \"\"\nd: ''\n",
        "healthcheck:\n  test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]\n  x: []\n  y: {}\n  z: {a: b, c: \"d\", e: [1, 2]}\n  w: [a, b , c]\n",
        "multi:\n  - [\n      \"a\",\n      \"b\"\n    ]\n  - {a: 1,\n     b: 2}\n",
        "x-base: &base\n  image: a\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: b\n  db:\n    <<: [*base]\n    ports: !reset []\n    environment: !override\n      A: 1\n",
        "--- # comment\nservices:\n  a: {}\n---\nservices:\n  b:\n  - x\n  - - y\n    - z\n  -\n",
        "a: 1\r\nb:\r\n  - x\r\n  - 'y'\r\nc: |\r\n  l1\r\n\r\n  l2\r\n",
    };

    private const int MutationCount = 10_000;

    private static readonly string[] Insertions =
    {
        " ", "  ", "\n", "\r\n", "\r", ":", ": ", "#", " #", "-", "- ", "'", "\"", "[", "]", "{", "}", ",", "&a ", "*a", "!x ", "|", ">", "|-", ">+",
        "?", "\\", "\t", "---\n", "...\n", "x", "<<: *a\n", "%", "@", "\n  ", "\n- ", "\u00e9", "\\u00e9", "\\x",
    };

    private static string Mutate(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        var lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        return random.Next(6) switch
        {
            0 when at < text.Length => text.Remove(at, 1),
            1 when at < text.Length => text.Remove(at, 1).Insert(at, Insertions[random.Next(Insertions.Length)]),
            2 => text.Insert(lineStart, " "), // a line indented one more
            3 when lineStart < text.Length && text[lineStart] == ' ' => text.Remove(lineStart, 1), // or one less
            _ => text.Insert(at, Insertions[random.Next(Insertions.Length)]),
        };
    }

    private static readonly string[] ExpectedDeclined = Array.Empty<string>();

    private static IEnumerable<string> AllCorpusYaml()
        => Directory.EnumerateFiles(CorpusFiles.Root, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .OrderBy(path => path, StringComparer.Ordinal);

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t").Replace("\"", "\\\"");

    // YamlReader removes a leading byte-order mark before either parser sees the text.
    private static string StripByteOrderMark(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;

    /// <summary>Asserts the fast path declined the text or gave YamlDotNet's events; true when it took the text.</summary>
    private static bool AssertDeclinedOrIdentical(string text)
    {
        text = StripByteOrderMark(text);
        var fast = FastYamlParser.TryGetEvents(text);
        var expected = YamlDotNetEvents(text);
        if (fast is null)
            return false;

        Assert.NotNull(expected); // YamlDotNet fails on this text, so the fast path must decline it
        Assert.Equal(expected!, fast.Select(Describe).ToList());
        return true;
    }

    /// <summary>YamlDotNet's events described field by field, or null when it fails on the text.</summary>
    private static List<string>? YamlDotNetEvents(string text)
    {
        var parser = new Parser(new StringReader(text));
        var events = new List<string>();
        try
        {
            while (parser.MoveNext())
                events.Add(Describe(parser.Current!));
        }
        catch (Exception)
        {
            return null;
        }

        return events;
    }

    private static string Describe(ParsingEvent e)
    {
        var text = new StringBuilder(e.GetType().Name)
            .Append(CultureInfo.InvariantCulture, $" {Describe(e.Start)}-{Describe(e.End)}");
        switch (e)
        {
            case Scalar s:
                text.Append(CultureInfo.InvariantCulture, $" value='{s.Value}' style={s.Style} plainImplicit={s.IsPlainImplicit} quotedImplicit={s.IsQuotedImplicit} key={s.IsKey} canonical={s.IsCanonical}");
                break;
            case SequenceStart s:
                text.Append(CultureInfo.InvariantCulture, $" style={s.Style} implicit={s.IsImplicit} canonical={s.IsCanonical}");
                break;
            case MappingStart m:
                text.Append(CultureInfo.InvariantCulture, $" style={m.Style} implicit={m.IsImplicit} canonical={m.IsCanonical}");
                break;
            case AnchorAlias a:
                text.Append(CultureInfo.InvariantCulture, $" alias={a.Value}");
                break;
            case DocumentStart d:
                text.Append(CultureInfo.InvariantCulture, $" implicit={d.IsImplicit} version={d.Version?.Version} tags=[{string.Join(", ", d.Tags?.Select(t => t.Handle + " " + t.Prefix) ?? Array.Empty<string>())}]");
                break;
            case DocumentEnd d:
                text.Append(CultureInfo.InvariantCulture, $" implicit={d.IsImplicit}");
                break;
        }

        if (e is NodeEvent node)
            text.Append(CultureInfo.InvariantCulture, $" anchor='{(node.Anchor.IsEmpty ? "" : node.Anchor.Value)}' tag='{(node.Tag.IsEmpty ? "" : node.Tag.Value)}'");
        return text.ToString();
    }

    private static string Describe(Mark mark) => string.Create(CultureInfo.InvariantCulture, $"{mark.Index}@{mark.Line}:{mark.Column}");
}
