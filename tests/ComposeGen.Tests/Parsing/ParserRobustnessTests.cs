using System.Diagnostics;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;
using ComposeGen.Tests.Conformance;
using CsCheck;

namespace ComposeGen.Tests.Parsing;

/// <summary>
/// The parser runs on every keystroke: no input may make it throw or hang. Random YAML-ish text and
/// mutated corpus files go in; a model with located problems must come out, every time.
/// </summary>
public class ParserRobustnessTests
{
    /// <summary>Not a performance figure: a bound that only a hang or a runaway expansion can exceed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private static readonly string[] CorpusTexts = CorpusFiles.All()
        .Select(c => File.ReadAllText(Path.Combine(CorpusFiles.Root, c.RelativePath)))
        .ToArray();

    private static readonly Gen<string> YamlAlphabet = Gen.OneOf(
        "\n", " ", "  ", ":", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "<<: ", "!reset ", "!override ", "'", "\"", "#", "---\n",
        "services:", "web:", "image:", "ports:", "volumes:", "networks:", "extends:", "include:", "depends_on:", "environment:",
        "${A:-x}", "$$", "${", "80:80", "8000-8010:80", "./a:/b", "x-", "?", "|", ">", "\t", "\uFEFF", "é", "0755", "yes", "null", "~")
        .Array[0, 200].Select(parts => string.Concat(parts));

    private static readonly Gen<string> MutatedCorpusFile =
        Gen.Select(Gen.Int[0, CorpusTexts.Length - 1], Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.String[0, 20])
            .Select(t => Mutate(CorpusTexts[t.Item1], t.Item2, t.Item3, t.Item4));

    [Fact]
    public void Random_yaml_never_throws_and_always_returns()
        => YamlAlphabet.Sample(LoadsWithinGuard, iter: 2000);

    [Fact]
    public void Mutated_corpus_files_never_throw_and_always_return()
        => MutatedCorpusFile.Sample(LoadsWithinGuard, iter: 2000);

    [Fact]
    public void Arbitrary_strings_never_throw()
        => Gen.String.Sample(LoadsWithinGuard, iter: 2000);

    private static void LoadsWithinGuard(string text)
    {
        var watch = Stopwatch.StartNew();
        var result = ComposeLoader.Load(new ComposeLoadRequest(
            new[] { "/p/compose.yaml" },
            new DictionaryFileSource(new Dictionary<string, string> { ["/p/compose.yaml"] = text, ["/p/other.yaml"] = text }),
            DictionaryVariableSource.Empty));
        Assert.True(watch.Elapsed < HangGuard, $"took {watch.Elapsed} on:\n{text}");
        Assert.NotNull(result.Project);
        Assert.All(result.Problems, problem => Assert.False(string.IsNullOrEmpty(problem.Span.Path)));
        Assert.DoesNotContain(result.Problems, problem => problem.Message.Contains("please report this"));
    }

    private static string Mutate(string text, int kind, int seed, string insert)
    {
        if (text.Length == 0)
            return insert;
        var at = seed % text.Length;
        var length = Math.Min(text.Length - at, 1 + seed % 40);
        return kind switch
        {
            0 => text.Remove(at, length),
            1 => text.Insert(at, insert),
            2 => text.Substring(0, at),
            3 => text.Insert(at, text.Substring(at, length)),
            _ => text.Replace(text[at], insert.Length > 0 ? insert[0] : ' '),
        };
    }
}
