using System.Text;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;
using ComposeGen.Parsing.DotEnv;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Yaml;
using CsCheck;
using Xunit;

namespace ComposeGen.Tests.Parsing;

/// <summary>
/// The .env reader, specified as ".env text in, entries or a located problem out". Most cases are the
/// ones compose-go (and joho/godotenv before it) test their own parser with, so that this reader agrees
/// with docker compose line for line.
/// </summary>
public class DotEnvParserTests
{
    private const string Path = "/app/.env";

    internal static DotEnvFile Parse(string text, params (string Name, string Value)[] environment)
        => DotEnvParser.Parse(text, Path, environment.Length == 0
            ? null
            : new DictionaryVariableSource(environment.ToDictionary(pair => pair.Name, pair => pair.Value)));

    internal static void AssertEntries(DotEnvFile file, params (string Key, string Value)[] expected)
        => Assert.Equal(expected, file.Entries.Select(entry => (entry.Key, entry.Value)).ToArray());

    private static void AssertClean(DotEnvFile file)
        => Assert.True(file.Problems.IsEmpty, "unexpected problems:\n" + string.Join("\n", file.Problems));

    private static string ValueOf(DotEnvFile file, string key)
    {
        Assert.True(file.ToDictionary().TryGetValue(key, out var value), $"{key} is not defined; entries: {file.Entries}");
        return value!;
    }

    private static ComposeProblem SingleProblem(DotEnvFile file, string id, ProblemSeverity severity)
    {
        var problem = Assert.Single(file.Problems);
        Assert.Equal(id, problem.Id);
        Assert.Equal(severity, problem.Severity);
        Assert.Equal(Path, problem.Span.Path);
        return problem;
    }

    private static void AssertAt(SourceSpan span, int line, int column)
    {
        Assert.Equal(line, span.StartLine);
        Assert.Equal(column, span.StartColumn);
    }

    // ---- comments and blank lines -------------------------------------------------------------

    [Fact]
    public void Comment_lines_and_blank_lines_define_nothing()
    {
        var file = Parse("# a comment\n\n   \n\t # an indented comment\nA=1\n#B=2\n");

        AssertClean(file);
        AssertEntries(file, ("A", "1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\t\t ")]
    [InlineData("# Comment")]
    [InlineData("\t # comment")]
    [InlineData("# KEY=value\n# other")]
    public void Lines_to_ignore(string text)
    {
        var file = Parse(text);

        AssertClean(file);
        Assert.Empty(file.Entries);
    }

    [Theory]
    [InlineData("FOO=bar # this is foo", "bar")]
    [InlineData("FOO=bar #this is foo", "bar")]
    [InlineData("FOO=bar #", "bar")]
    [InlineData("FOO=123#not-an-inline-comment", "123#not-an-inline-comment")]
    [InlineData("FOO=\"bar#baz\"", "bar#baz")]
    [InlineData("FOO=\"bar#baz\"#", "bar#baz")]
    [InlineData("FOO=\"bar#baz\" # comment", "bar#baz")]
    [InlineData("FOO='bar#baz' # comment", "bar#baz")]
    [InlineData("FOO=\"bar#baz#bang\" # comment", "bar#baz#bang")]
    [InlineData("FOO=\"ba#r\"", "ba#r")]
    [InlineData("FOO='ba#r'", "ba#r")]
    [InlineData("OPTION_H = my string # Inline comment", "my string")]
    // compose-go trims the blanks after '=' before it looks for " #", so this '#' is part of the value.
    [InlineData("FOO= # not a comment", "# not a comment")]
    public void Inline_comments_need_a_space_before_the_hash_and_never_apply_inside_quotes(string text, string expected)
    {
        var file = Parse(text);

        AssertClean(file);
        Assert.Equal(expected, ValueOf(file, text.StartsWith("OPTION_H", StringComparison.Ordinal) ? "OPTION_H" : "FOO"));
    }

    // ---- statement forms ----------------------------------------------------------------------

    [Theory]
    [InlineData("export OPTION_A=2", "OPTION_A", "2")]
    [InlineData("export OPTION_B='\\n'", "OPTION_B", "\\n")]
    [InlineData("export exportFoo=2", "exportFoo", "2")]
    [InlineData("exportFOO=2", "exportFOO", "2")]
    [InlineData("export_FOO =2", "export_FOO", "2")]
    [InlineData("export.FOO= 2", "export.FOO", "2")]
    [InlineData("export\tOPTION_A=2", "OPTION_A", "2")]
    [InlineData("  export OPTION_A=2", "OPTION_A", "2")]
    [InlineData("\texport OPTION_A=2", "OPTION_A", "2")]
    [InlineData("export OPTION_A=\"export A\"", "OPTION_A", "export A")]
    [InlineData("export=1", "export", "1")]
    public void The_export_keyword_is_dropped(string text, string key, string value)
    {
        var file = Parse(text);

        AssertClean(file);
        AssertEntries(file, (key, value));
    }

    [Theory]
    [InlineData("OPTION_A: 1", "OPTION_A", "1")]
    [InlineData("OPTION_A: Foo=bar", "OPTION_A", "Foo=bar")]
    [InlineData("OPTION_A=1:B", "OPTION_A", "1:B")]
    [InlineData("OPTION_A:1", "OPTION_A", "1")]
    public void Yaml_style_colon_is_a_separator_too(string text, string key, string value)
    {
        var file = Parse(text);

        AssertClean(file);
        AssertEntries(file, (key, value));
    }

    [Fact]
    public void Keys_may_hold_dots_dashes_brackets_and_unicode_letters()
    {
        var file = Parse("\na=b\na[1]=c\na.propertyKey=d\nárvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ-tükörfúrógép\nFOO.BAR=foobar\n");

        AssertClean(file);
        AssertEntries(file,
            ("a", "b"),
            ("a[1]", "c"),
            ("a.propertyKey", "d"),
            ("árvíztűrő-TÜKÖRFÚRÓGÉP", "ÁRVÍZTŰRŐ-tükörfúrógép"),
            ("FOO.BAR", "foobar"));
    }

    [Fact]
    public void An_empty_key_is_accepted_as_compose_go_does()
    {
        var file = Parse("=\"value\"");

        AssertClean(file);
        AssertEntries(file, ("", "value"));
    }

    [Fact]
    public void Several_equals_signs_belong_to_the_value()
    {
        var file = Parse("FOO=foobar=\nURL=postgres://localhost:5432/db?sslmode=disable");

        AssertClean(file);
        AssertEntries(file, ("FOO", "foobar="), ("URL", "postgres://localhost:5432/db?sslmode=disable"));
    }

    // ---- unquoted values ----------------------------------------------------------------------

    [Theory]
    [InlineData("FOO=bar", "bar")]
    [InlineData("FOO=bar ", "bar")]
    [InlineData("FOO =bar", "bar")]
    [InlineData("FOO= bar", "bar")]
    [InlineData("FOO = bar \t", "bar")]
    [InlineData(" FOO =bar", "bar")]
    [InlineData("   FOO=bar", "bar")]
    [InlineData("\tFOO=bar", "bar")]
    [InlineData("FOO=two  words", "two  words")]
    [InlineData("FOO=a\\tb", "a\\tb")]
    [InlineData("FOO=it's \"fine\"", "it's \"fine\"")]
    public void Unquoted_values_are_trimmed_and_take_no_escapes(string text, string expected)
    {
        var file = Parse(text);

        AssertClean(file);
        AssertEntries(file, ("FOO", expected));
    }

    [Theory]
    [InlineData("KEY=", "")]
    [InlineData("KEY= ", "")]
    [InlineData("KEY = ", "")]
    [InlineData("KEY=\"\"", "")]
    [InlineData("KEY=''", "")]
    [InlineData("KEY: ", "")]
    public void Empty_values_are_empty_strings(string text, string expected)
    {
        var file = Parse(text);

        AssertClean(file);
        AssertEntries(file, ("KEY", expected));
    }

    [Fact]
    public void An_empty_value_does_not_swallow_the_next_line()
    {
        var file = Parse("KEY=\nNEXT=1\n");

        AssertClean(file);
        AssertEntries(file, ("KEY", ""), ("NEXT", "1"));
    }

    // ---- single quotes --------------------------------------------------------------------------

    [Theory]
    [InlineData("FOO='bar'", "bar")]
    [InlineData("FOO='quote $BAR'", "quote $BAR")]
    [InlineData("FOO='${BAR:-x} $$'", "${BAR:-x} $$")]
    [InlineData("FOO='\\n'", "\\n")]
    [InlineData("FOO='a\\\\b'", "a\\\\b")]
    [InlineData("FOO='Let\\'s go!'", "Let's go!")]
    [InlineData("FOO='\"double\" inside'", "\"double\" inside")]
    [InlineData("FOO = '  padded  '", "  padded  ")]
    public void Single_quoted_values_are_literal(string text, string expected)
    {
        var file = Parse(text, ("BAR", "expanded"));

        AssertClean(file);
        AssertEntries(file, ("FOO", expected));
    }

    // ---- double quotes --------------------------------------------------------------------------

    [Theory]
    [InlineData("FOO=\"bar\"", "bar")]
    [InlineData("FOO=\"bar\\nbaz\"", "bar\nbaz")]
    [InlineData("FOO=\"escaped\\\"bar\"", "escaped\"bar")]
    [InlineData("FOO=\"\\\"quoted\\\"\"", "\"quoted\"")]
    [InlineData("FOO=\"'d'\"", "'d'")]
    [InlineData("FOO=\"a\\tb\"", "a\tb")]
    [InlineData("FOO=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ")]
    [InlineData("FOO=\"\\0123\"", "S")]
    [InlineData("FOO=\"\\0351t\\0351\"", "été")]
    [InlineData("FOO=\"\\x07\"", "\\x07")]
    [InlineData("FOO=\"\\u12e4\"", "\\u12e4")]
    [InlineData("FOO=\"\\U00101234\"", "\\U00101234")]
    [InlineData("FOO=\"bar\\n\\ b\\az\"", "bar\n\\ b\az")]
    [InlineData("FOO=\"bar\\\\\\n\\ b\\az\"", "bar\\\n\\ b\az")]
    [InlineData("FOO=\"bar\\\\r\\ b\\az\"", "bar\\r\\ b\az")]
    [InlineData("FOO=\"bar\\nbaz\\\\\"", "bar\nbaz\\")]
    [InlineData("FOO=\" padded \"", " padded ")]
    public void Double_quoted_values_take_shell_escapes(string text, string expected)
    {
        var file = Parse(text);

        AssertClean(file);
        AssertEntries(file, ("FOO", expected));
    }

    [Theory]
    [InlineData("FOO=\"\\0\"", "\\")]
    [InlineData("FOO=\"\\01\"", "\\1")]
    [InlineData("FOO=\"\\012\"", "\\12")]
    [InlineData("FOO=\"\\0400\"", "\\400")]
    [InlineData("FOO=\"\\0128\"", "\\128")]
    [InlineData("FOO=\"\\01234\"", "S4")]
    public void Incomplete_octal_escapes_lose_their_zero_as_in_compose_go(string text, string expected)
    {
        var file = Parse(text);

        AssertClean(file);
        AssertEntries(file, ("FOO", expected));
    }

    [Fact]
    public void Quoted_values_may_span_lines()
    {
        var file = Parse("OPTION_J = 'first line\nsecond line\nthird line\nand so on'\nTEST_URLS=\"stratum+tcp://a:3333\nstratum+tcp://b:443\"\nAFTER=1");

        AssertClean(file);
        AssertEntries(file,
            ("OPTION_J", "first line\nsecond line\nthird line\nand so on"),
            ("TEST_URLS", "stratum+tcp://a:3333\nstratum+tcp://b:443"),
            ("AFTER", "1"));
        AssertAt(file.Entries[2].KeySpan, 7, 1);
    }

    // ---- bare keys (inherited from the environment) ---------------------------------------------

    [Fact]
    public void A_bare_key_takes_its_value_from_the_environment()
    {
        var file = Parse("foo=bar\nVAR_TO_BE_LOADED_FROM_OS_ENV\nbar=baz\n", ("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE"));

        AssertClean(file);
        AssertEntries(file, ("foo", "bar"), ("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE"), ("bar", "baz"));
        var inherited = file.Entries[1];
        Assert.Equal(inherited.KeySpan, inherited.ValueSpan);
        AssertAt(inherited.KeySpan, 2, 1);
    }

    [Fact]
    public void A_bare_key_missing_from_the_environment_stays_undefined_and_is_not_an_error()
    {
        var file = Parse("VARIABLE_NOT_FOUND\n", ("SOMETHING_ELSE", "x"));

        AssertClean(file);
        Assert.Empty(file.Entries);
        Assert.False(file.ToDictionary().ContainsKey("VARIABLE_NOT_FOUND"));
    }

    [Fact]
    public void A_bare_key_without_any_environment_stays_undefined()
    {
        var file = Parse("VARIABLE_NOT_FOUND\n");

        AssertClean(file);
        Assert.Empty(file.Entries);
    }

    [Fact]
    public void A_bare_key_reads_the_environment_only_not_the_file()
    {
        var file = Parse("FOO=1\nFOO\n");

        AssertClean(file);
        AssertEntries(file, ("FOO", "1"));
    }

    [Theory]
    [InlineData("VAR")]
    [InlineData("VAR\r\n")]
    [InlineData("export VAR\n")]
    [InlineData("  VAR  \n")]
    // Decision: compose-go reads a last line "VAR" with no newline as the value of an empty key;
    // this reader treats it like every other bare key.
    [InlineData("A=1\nVAR")]
    public void Bare_key_forms(string text)
    {
        var file = Parse(text, ("VAR", "inherited"));

        AssertClean(file);
        Assert.Equal("inherited", ValueOf(file, "VAR"));
    }

    // ---- expansion --------------------------------------------------------------------------------

    [Theory]
    [InlineData("FOO=test\nBAR=$FOO", "test")]
    [InlineData("FOO=test\nBAR=${FOO}bar", "testbar")]
    [InlineData("FOO=test\nBAR=\"quote $FOO\"", "quote test")]
    [InlineData("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", "foo${FOO} test")]
    [InlineData("BAR=\"foo\\$FOO\"", "foo$FOO")]
    [InlineData("BAR=\"foo\\${FOO}\"", "foo${FOO}")]
    [InlineData("BAR=$$FOO", "$FOO")]
    [InlineData("BAR='$FOO'", "$FOO")]
    [InlineData("FOO=test\nBAR=${FOO:-default}", "test")]
    [InlineData("BAR=${FOO:-default}", "default")]
    [InlineData("FOO=\nBAR=${FOO:-default}", "default")]
    [InlineData("FOO=\nBAR=${FOO-default}", "")]
    [InlineData("BAR=${FOO-default}", "default")]
    [InlineData("FOO=x\nBAR=${FOO:+alt}", "alt")]
    [InlineData("BAR=\"${FOO:-a b} # kept\"", "a b # kept")]
    public void Values_expand_variables_defined_earlier(string text, string expected)
    {
        var file = Parse(text);

        AssertClean(file);
        Assert.Equal(expected, ValueOf(file, "BAR"));
    }

    [Theory]
    [InlineData("RESULT=${UNSET_VAR:-Default Value}", "Default Value")]
    [InlineData("RESULT=${EMPTY_VAR:-Default Value}", "Default Value")]
    [InlineData("RESULT=${TEST_VAR:-Default Value}", "Test Value")]
    [InlineData("RESULT=${UNSET_VAR-Default Value}", "Default Value")]
    [InlineData("RESULT=${EMPTY_VAR-Default Value}", "")]
    [InlineData("RESULT=${TEST_VAR-Default Value}", "Test Value")]
    [InlineData("RESULT=${TEST_VAR:?Default Value}", "Test Value")]
    [InlineData("RESULT=${EMPTY_VAR?Test error}", "")]
    [InlineData("RESULT=${TEST_VAR?Default Value}", "Test Value")]
    public void Expansion_operators_read_the_environment(string text, string expected)
    {
        var file = Parse(text, ("EMPTY_VAR", ""), ("TEST_VAR", "Test Value"));

        AssertClean(file);
        AssertEntries(file, ("RESULT", expected));
    }

    [Theory]
    [InlineData("RESULT=${UNSET_VAR:?Test error}", "UNSET_VAR")]
    [InlineData("RESULT=${EMPTY_VAR:?Test error}", "EMPTY_VAR")]
    [InlineData("RESULT=${UNSET_VAR?Test error}", "UNSET_VAR")]
    public void A_failing_required_variable_is_an_interpolation_error(string text, string variable)
    {
        var file = Parse(text, ("EMPTY_VAR", ""), ("TEST_VAR", "Test Value"));

        var problem = SingleProblem(file, DiagnosticIds.Interpolation, ProblemSeverity.Error);
        Assert.Contains($"required variable {variable} is missing a value: Test error", problem.Message);
        AssertAt(problem.Span, 1, 8);
        Assert.True(file.HasErrors);
    }

    [Fact]
    public void The_environment_wins_over_earlier_entries_when_expanding_but_not_over_the_entry_itself()
    {
        // compose-go TestSubstitutionsWithEnvFilePrecedence: lookup goes to the environment first.
        var file = Parse("OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\n", ("OPTION_A", "5"));

        AssertClean(file);
        AssertEntries(file, ("OPTION_A", "1"), ("OPTION_B", "5"), ("OPTION_C", "5"));
    }

    [Fact]
    public void A_later_definition_wins_and_every_definition_is_kept()
    {
        var file = Parse("A=1\nB=$A\nA=2\nC=$A\n");

        AssertClean(file);
        AssertEntries(file, ("A", "1"), ("B", "1"), ("A", "2"), ("C", "2"));
        Assert.True(file.AsVariableSource().TryGetValue("A", out var a));
        Assert.Equal("2", a);
        Assert.False(file.AsVariableSource().TryGetValue("UNDEFINED", out _));
    }

    [Fact]
    public void An_unset_variable_expands_to_empty_with_a_located_warning()
    {
        var file = Parse("X=1\nBAR=pre-$FOO-post\n");

        Assert.Equal("pre--post", ValueOf(file, "BAR"));
        var warning = SingleProblem(file, DiagnosticIds.Interpolation, ProblemSeverity.Warning);
        Assert.Contains("\"FOO\" variable is not set", warning.Message);
        AssertAt(warning.Span, 2, 9);
        Assert.Equal(4, warning.Span.Length);
        Assert.False(file.HasErrors);
    }

    [Theory]
    [InlineData("A=x$", 1, 4)]
    [InlineData("A=${", 1, 3)]
    [InlineData("A=${FOO", 1, 3)]
    [InlineData("A=5$ each", 1, 4)]
    [InlineData("A=1\nB = \"a\\tb $}\"", 2, 11)]
    [InlineData("A=1\nB=\"\\0123${\"", 2, 9)]
    public void A_malformed_reference_is_a_located_interpolation_error(string text, int line, int column)
    {
        var file = Parse(text);

        var problem = SingleProblem(file, DiagnosticIds.Interpolation, ProblemSeverity.Error);
        Assert.StartsWith("invalid interpolation", problem.Message);
        AssertAt(problem.Span, line, column);
    }

    [Fact]
    public void Reading_goes_on_after_an_interpolation_error()
    {
        var file = Parse("A=cost: 5$\nB=2\n");

        SingleProblem(file, DiagnosticIds.Interpolation, ProblemSeverity.Error);
        AssertEntries(file, ("A", "cost: 5$"), ("B", "2"));
    }

    // ---- byte order mark and line endings --------------------------------------------------------

    [Fact]
    public void A_utf8_byte_order_mark_at_the_start_is_skipped_and_takes_no_column()
    {
        var file = Parse("\uFEFFOPTION_A=1\nOPTION_B=2\n");

        AssertClean(file);
        AssertEntries(file, ("OPTION_A", "1"), ("OPTION_B", "2"));
        var key = file.Entries[0].KeySpan;
        AssertAt(key, 1, 1);
        Assert.Equal(1, key.Start);
        Assert.Equal(9, key.End);
    }

    [Fact]
    public void A_byte_order_mark_elsewhere_is_an_unexpected_character()
    {
        var file = Parse("A=1\n\uFEFFB=2\n");

        var problem = SingleProblem(file, DiagnosticIds.YamlSyntax, ProblemSeverity.Error);
        Assert.Contains("unexpected character", problem.Message);
        AssertAt(problem.Span, 2, 1);
        AssertEntries(file, ("A", "1"));
    }

    [Fact]
    public void Crlf_line_endings_are_read_like_lf()
    {
        var file = Parse("A=1\r\nB = two words \r\n# comment\r\nC=\"x\" # c\r\nD='y'\r\nE=$A\r\nF\r\n", ("F", "inherited"));

        AssertClean(file);
        AssertEntries(file, ("A", "1"), ("B", "two words"), ("C", "x"), ("D", "y"), ("E", "1"), ("F", "inherited"));
        AssertAt(file.Entries[2].ValueSpan, 4, 3);
        AssertAt(file.Entries[5].KeySpan, 7, 1);
        Assert.Equal(1, file.Entries[5].KeySpan.Length);
    }

    [Fact]
    public void Line_breaks_inside_quotes_are_kept_as_written()
    {
        // compose-go keeps the carriage return of a CRLF file inside a multi-line quoted value.
        var file = Parse("D='multi\r\nline'\r\n");

        AssertClean(file);
        AssertEntries(file, ("D", "multi\r\nline"));
    }

    // ---- spans ------------------------------------------------------------------------------------

    [Fact]
    public void Key_and_value_spans_point_at_the_text()
    {
        const string text = "A=1\n  OPTION_E = 5 # comment\nexport Q = \"quoted\"\nM='one\ntwo' \n";
        var file = Parse(text);

        AssertClean(file);
        var e = file.Entries[1];
        Assert.Equal(new SourceSpan(Path, 6, 14, 2, 3, 2, 11), e.KeySpan);
        Assert.Equal(new SourceSpan(Path, 17, 18, 2, 14, 2, 15), e.ValueSpan);

        var q = file.Entries[2];
        AssertAt(q.KeySpan, 3, 8);
        Assert.Equal("\"quoted\"", text.Substring(q.ValueSpan.Start, q.ValueSpan.Length));
        AssertAt(q.ValueSpan, 3, 12);
        Assert.Equal(3, q.ValueSpan.EndLine);
        Assert.Equal(20, q.ValueSpan.EndColumn);

        var m = file.Entries[3];
        Assert.Equal("'one\ntwo'", text.Substring(m.ValueSpan.Start, m.ValueSpan.Length));
        Assert.Equal((4, 3, 5, 5), (m.ValueSpan.StartLine, m.ValueSpan.StartColumn, m.ValueSpan.EndLine, m.ValueSpan.EndColumn));

        foreach (var entry in file.Entries)
            Assert.Equal(entry.Key, text.Substring(entry.KeySpan.Start, entry.KeySpan.Length));
    }

    [Fact]
    public void An_empty_value_has_an_empty_span_where_the_value_would_be()
    {
        var file = Parse("OPTION_F = \nOPTION_G=");

        AssertClean(file);
        Assert.True(file.Entries[0].ValueSpan.IsEmpty);
        AssertAt(file.Entries[0].ValueSpan, 1, 12);
        AssertAt(file.Entries[1].ValueSpan, 2, 10);
    }

    // ---- syntax errors ----------------------------------------------------------------------------

    [Fact]
    public void A_key_with_a_space_is_an_error_at_its_line_and_reading_stops()
    {
        var file = Parse("# some comments\nfoo=\"\n  a\n  multine\n  value\n\"\nINVALID LINE\nzot=qix");

        var problem = SingleProblem(file, DiagnosticIds.YamlSyntax, ProblemSeverity.Error);
        Assert.Contains("key cannot contain a space", problem.Message);
        Assert.Equal(new SourceSpan(Path, 46, 58, 7, 1, 7, 13), problem.Span);
        AssertEntries(file, ("foo", "\n  a\n  multine\n  value\n"));
    }

    [Theory]
    [InlineData("lol$wut", "\"$\"", 1, 4)]
    [InlineData("%!(EXTRA string)=foo", "\"%\" in variable name \"%!(EXTRA string)=foo\"", 1, 1)]
    [InlineData("A=1\nKEY/PATH=x", "\"/\"", 2, 4)]
    [InlineData("A=1\n\"QUOTED\"=x", "\"\\\"\"", 2, 1)]
    [InlineData("FOO$BAR=1", "\"$\"", 1, 4)]
    public void An_unexpected_character_in_a_key_is_a_located_error(string text, string detail, int line, int column)
    {
        var file = Parse(text);

        var problem = SingleProblem(file, DiagnosticIds.YamlSyntax, ProblemSeverity.Error);
        Assert.Contains("unexpected character " + detail, problem.Message);
        AssertAt(problem.Span, line, column);
    }

    [Theory]
    [InlineData("KEY=\"")]
    [InlineData("KEY=\"value")]
    [InlineData("KEY=\"value\\\"")]
    [InlineData("KEY=\"value'")]
    [InlineData("KEY='")]
    [InlineData("KEY='value")]
    [InlineData("KEY='value\\'")]
    [InlineData("KEY='value\"")]
    public void An_unterminated_quote_is_an_error_at_the_opening_quote(string text)
    {
        var file = Parse(text);

        var problem = SingleProblem(file, DiagnosticIds.YamlSyntax, ProblemSeverity.Error);
        Assert.Contains("unterminated quoted value", problem.Message);
        AssertAt(problem.Span, 1, 5);
        Assert.Empty(file.Entries);
    }

    [Fact]
    public void An_unterminated_multi_line_quote_keeps_the_entries_before_it()
    {
        var file = Parse("A=1\nB=\"abc\nC=2\nD=3\n");

        var problem = SingleProblem(file, DiagnosticIds.YamlSyntax, ProblemSeverity.Error);
        Assert.Equal("unterminated quoted value \"abc", problem.Message);
        AssertAt(problem.Span, 2, 3);
        AssertEntries(file, ("A", "1"));
    }

    [Fact]
    public void Export_with_nothing_after_it_is_an_error()
    {
        var file = Parse("A=1\nexport  ");

        var problem = SingleProblem(file, DiagnosticIds.YamlSyntax, ProblemSeverity.Error);
        AssertAt(problem.Span, 2, 1);
        AssertEntries(file, ("A", "1"));
    }

    [Fact]
    public void Text_after_a_closing_quote_starts_the_next_statement_as_in_compose_go()
    {
        var file = Parse("A=\"x\" B=2\n");

        AssertClean(file);
        AssertEntries(file, ("A", "x"), ("B", "2"));
    }

    // ---- budgets ----------------------------------------------------------------------------------

    [Fact]
    public void Exponential_expansion_is_stopped_by_the_value_budget()
    {
        // X0 has 16 characters and each line doubles it: X16 is exactly the 1 MiB a value may have.
        var text = new StringBuilder("X0=0123456789abcdef\n");
        for (var i = 1; i < 40; i++)
            text.Append($"X{i}=${{X{i - 1}}}${{X{i - 1}}}\n");

        var file = Parse(text.ToString());

        var limited = SingleProblem(file, DiagnosticIds.SafetyLimit, ProblemSeverity.Error);
        AssertAt(limited.Span, 18, 5);
        Assert.Equal(17, file.Entries.Count);
        Assert.Equal(ParserLimits.Default.MaxScalarLength, file.Entries[16].Value.Length);
    }

    [Fact]
    public void Many_large_expansions_are_stopped_by_the_file_budget()
    {
        var limits = new ParserLimits(MaxFileLength: 10_000, MaxScalarLength: 1_000);
        var text = "A=" + new string('a', 900) + "\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"B{i}=$A\n"));

        var file = DotEnvParser.Parse(text, Path, null, limits);

        var limited = SingleProblem(file, DiagnosticIds.SafetyLimit, ProblemSeverity.Error);
        AssertAt(limited.Span, 13, 5);
        Assert.Equal(12, file.Entries.Count);
    }

    [Fact]
    public void A_file_over_the_length_limit_is_refused()
    {
        var file = DotEnvParser.Parse("A=1\nB=2\n", Path, null, new ParserLimits(MaxFileLength: 4));

        SingleProblem(file, DiagnosticIds.SafetyLimit, ProblemSeverity.Error);
        Assert.Empty(file.Entries);
    }

    [Fact]
    public void Parsing_is_linear_in_the_number_of_lines()
    {
        var text = string.Join("\n", Enumerable.Range(0, 20_000).Select(i => $"KEY{i}=VALUE{i}"));

        var file = Parse(text);

        AssertClean(file);
        Assert.Equal(20_000, file.Entries.Count);
        Assert.Equal("VALUE19999", ValueOf(file, "KEY19999"));
    }

    // ---- properties -------------------------------------------------------------------------------

    private static void AssertWellFormed(string text, DotEnvFile file)
    {
        Assert.DoesNotContain(file.Problems, problem => problem.Message.StartsWith("the file could not be read", StringComparison.Ordinal));
        foreach (var span in file.Entries.SelectMany(entry => new[] { entry.KeySpan, entry.ValueSpan }).Concat(file.Problems.Select(problem => problem.Span)))
        {
            Assert.InRange(span.Start, 0, text.Length);
            Assert.InRange(span.End, span.Start, text.Length);
            Assert.True(span.StartLine >= 1 && span.StartColumn >= 1 && span.EndLine >= span.StartLine && span.EndColumn >= 1, span.ToString());
        }
    }

    [Fact]
    public void Random_text_never_throws()
    {
        Gen.String.Sample(text => AssertWellFormed(text, DotEnvParser.Parse(text, Path)), iter: 2_000);
    }

    [Fact]
    public void Random_dotenv_shaped_text_never_throws_and_keeps_spans_in_the_text()
    {
        var environment = new DictionaryVariableSource(new Dictionary<string, string> { ["A"] = "a", ["E"] = "" });
        var piece = Gen.OneOf(
            "A", "B_1", "=", ":", " ", "\t", "\n", "\r\n", "#", " #", "'", "\"", "\\", "$", "$$", "${", "}", ":-", ":?", "-",
            "export ", "x", "\uFEFF", "é", "\u00A0", "\\n", "\\0", "[", ".");
        piece.Array[0, 40].Select(parts => string.Concat(parts))
            .Sample(text => AssertWellFormed(text, DotEnvParser.Parse(text, Path, environment)), iter: 5_000);
    }

    [Fact]
    public void Simple_assignments_read_back_as_written()
    {
        var key = Gen.String[Gen.Char["ABCXYZ_"], 1, 8];
        var value = Gen.String[Gen.Char["abc xyz0189-/."], 0, 12];
        Gen.Select(key, value).Array[1, 10].Sample(pairs =>
        {
            var text = string.Join("\n", pairs.Select(pair => $"{pair.Item1}={pair.Item2}"));
            var file = DotEnvParser.Parse(text, Path);
            AssertClean(file);
            Assert.Equal(pairs.Select(pair => (pair.Item1, pair.Item2.Trim())), file.Entries.Select(entry => (entry.Key, entry.Value)));
        });
    }
}

/// <summary>
/// compose-go's own dotenv fixtures (from joho/godotenv, MIT; see Corpus/LICENSES), each with the values
/// its Go tests expect (dotenv/godotenv_test.go).
/// </summary>
public class DotEnvFixtureTests
{
    private static readonly string FixtureDirectory =
        System.IO.Path.Combine(AppContext.BaseDirectory, "Corpus", "compose-go", "dotenv", "fixtures");

    private static readonly (string Name, string Value)[] NoEnvironment = Array.Empty<(string, string)>();

    private static readonly (string Name, string Value)[] PlainValues =
    {
        ("OPTION_A", "1"), ("OPTION_B", "2"), ("OPTION_C", "3"), ("OPTION_D", "4"), ("OPTION_E", "5"),
        // godotenv's Read drops keys that start with a digit; compose (ParseWithLookup, GetEnvFromFile) keeps them.
        ("456", "ABC"),
        ("OPTION_F", ""), ("OPTION_G", ""), ("OPTION_H", "my string"),
    };

    /// <summary>File name, environment, the entries in order, and the names that expand unset (warnings).</summary>
    private static readonly Dictionary<string, ((string, string)[] Environment, (string, string)[] Entries, string[] Unset)> Expected = new()
    {
        ["equals.env"] = (NoEnvironment, new[] { ("OPTION_A", "postgres://localhost:5432/database?sslmode=disable") }, Array.Empty<string>()),
        ["exported.env"] = (NoEnvironment, new[] { ("OPTION_A", "2"), ("OPTION_B", "\\n") }, Array.Empty<string>()),
        ["inherited-multi-var.env"] = (
            new[] { ("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE") },
            new[] { ("foo", "bar"), ("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE"), ("bar", "baz") },
            Array.Empty<string>()),
        ["inherited-not-found.env"] = (NoEnvironment, Array.Empty<(string, string)>(), Array.Empty<string>()),
        ["inherited-single-var.env"] = (
            new[] { ("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE") },
            new[] { ("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE") },
            Array.Empty<string>()),
        ["plain.env"] = (NoEnvironment, PlainValues, Array.Empty<string>()),
        ["quoted.env"] = (NoEnvironment, new[]
        {
            ("OPTION_A", "1"), ("OPTION_B", "2"), ("OPTION_C", ""), ("OPTION_D", "\\n"),
            ("OPTION_E", "1"), ("OPTION_F", "2"), ("OPTION_G", ""), ("OPTION_H", "\n"),
            ("OPTION_I", "echo 'asd'"),
            ("OPTION_J", "first line\nsecond line\nthird line\nand so on"),
            ("OPTION_K", "Let's go!"),
            ("OPTION_Z", "last value"),
        }, Array.Empty<string>()),
        ["special.env"] = (NoEnvironment, new[]
        {
            ("VAR.WITH.DOTS", "dots"), ("VAR_WITH_UNDERSCORES", "underscores"), ("VAR-WITH-DASHES", "dashes"),
        }, Array.Empty<string>()),
        ["substitutions-default.env"] = (NoEnvironment, new[]
        {
            ("OPTION_A", "1"), ("OPTION_B", "1"), ("OPTION_C", "1"), ("OPTION_D", "1_1"), ("OPTION_E", ""),
        }, new[] { "OPTION_NOT_DEFINED" }),
        ["substitutions.env"] = (NoEnvironment, new[]
        {
            ("OPTION_A", "1"), ("OPTION_B", "1"), ("OPTION_C", "1"), ("OPTION_D", "1_1"), ("OPTION_E", ""),
        }, new[] { "OPTION_NOT_DEFINED" }),
        ["unquoted.env"] = (NoEnvironment, new[]
        {
            ("OPTION_A", "some quoted phrase"),
            ("OPTION_B", "first one with an unquoted phrase"),
            ("OPTION_C", "then another one with an unquoted phrase"),
            ("OPTION_D", "then another one with an unquoted phrase special è char"),
            ("OPTION_E", "then another one quoted phrase"),
        }, Array.Empty<string>()),
        ["utf8-bom.env"] = (NoEnvironment, PlainValues, Array.Empty<string>()),
    };

    private static string ReadFixture(string name)
    {
        // GetString keeps a byte order mark as U+FEFF (File.ReadAllText would strip it).
        return Encoding.UTF8.GetString(File.ReadAllBytes(System.IO.Path.Combine(FixtureDirectory, name)));
    }

    public static IEnumerable<object[]> ValidFixtures() => Expected.Keys.OrderBy(name => name, StringComparer.Ordinal).Select(name => new object[] { name });

    [Fact]
    public void Every_copied_fixture_has_an_expectation()
    {
        var files = Directory.GetFiles(FixtureDirectory, "*.env").Select(System.IO.Path.GetFileName).OrderBy(name => name, StringComparer.Ordinal).ToArray();

        Assert.Equal(Expected.Keys.Append("invalid1.env").OrderBy(name => name, StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void Fixture_reads_as_compose_go_reads_it(string name)
    {
        var (environment, entries, unset) = Expected[name];

        var file = DotEnvParserTests.Parse(ReadFixture(name), environment);

        Assert.False(file.HasErrors, string.Join("\n", file.Problems));
        DotEnvParserTests.AssertEntries(file, entries);
        Assert.Equal(unset.Select(variable => $"the \"{variable}\" variable is not set. Defaulting to a blank string."),
            file.Problems.Select(problem => problem.Message));
        Assert.All(file.Problems, problem => Assert.Equal((DiagnosticIds.Interpolation, ProblemSeverity.Warning), (problem.Id, problem.Severity)));
    }

    [Fact]
    public void Invalid1_is_refused_at_line_7()
    {
        var file = DotEnvParserTests.Parse(ReadFixture("invalid1.env"));

        var problem = Assert.Single(file.Problems);
        Assert.Equal(DiagnosticIds.YamlSyntax, problem.Id);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("key cannot contain a space", problem.Message);
        Assert.Equal(7, problem.Span.StartLine);
        Assert.Equal(1, problem.Span.StartColumn);
        Assert.True(file.HasErrors);
    }

    [Fact]
    public void Utf8_bom_fixture_really_starts_with_a_bom_and_spans_ignore_it()
    {
        var text = ReadFixture("utf8-bom.env");
        Assert.Equal('\uFEFF', text[0]);

        var file = DotEnvParserTests.Parse(text);

        var first = file.Entries[0];
        Assert.Equal(("OPTION_A", 1, 1, 1), (first.Key, first.KeySpan.Start, first.KeySpan.StartLine, first.KeySpan.StartColumn));
        var e = file.Entries.Single(entry => entry.Key == "OPTION_E");
        Assert.Equal((5, 12), (e.ValueSpan.StartLine, e.ValueSpan.StartColumn));
    }

    [Theory]
    [InlineData("awesome-compose/postgresql-pgadmin/.env", "PGADMIN_PW", "changeit")]
    [InlineData("awesome-compose/pihole-cloudflared-DoH/.env", "PIHOLE_HOST_IPV6", "")]
    [InlineData("awesome-compose/wireguard/.env", "VPN_SERVER_URL", "your-domain.dyndns.com")]
    [InlineData("awesome-compose/plex/.env", "PLEX_MEDIA_PATH", "/media/your/plex/path")]
    [InlineData("compose-go/types/fixtures/base.env", "INTERPOLATED_ZOT", "zot_from_base.env")]
    [InlineData("compose-go/types/fixtures/override.env", "INTERPOLATED_FOO", "foo_from_override.env")]
    [InlineData("compose-go/cli/testdata/env-file/.env", "COMPOSE_PROJECT_NAME", "my_project_from_dot_env")]
    [InlineData("compose-go/loader/example1.env", "ENV.WITH.DOT", "ok")]
    [InlineData("compose-go/loader/example2.env", "QUX", "quz_from_env_file_2")]
    public void Real_world_env_files_in_the_corpus_read_cleanly(string relativePath, string key, string expected)
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "Corpus", relativePath)));

        var file = DotEnvParserTests.Parse(text);

        Assert.True(file.Problems.IsEmpty, string.Join("\n", file.Problems));
        Assert.Equal(expected, file.ToDictionary()[key]);
    }

    [Fact]
    public void Substitutions_with_the_environment_take_compose_go_precedence()
    {
        // TestSubstitutionsWithEnvFilePrecedence and ...DefaultValuePrecedence, OPTION_A=5 in the environment.
        var environment = new[] { ("OPTION_A", "5") };

        var plain = DotEnvParserTests.Parse(ReadFixture("substitutions.env"), environment);
        var withDefault = DotEnvParserTests.Parse(ReadFixture("substitutions-default.env"), environment);

        DotEnvParserTests.AssertEntries(plain,
            ("OPTION_A", "1"), ("OPTION_B", "5"), ("OPTION_C", "5"), ("OPTION_D", "5_5"), ("OPTION_E", ""));
        DotEnvParserTests.AssertEntries(withDefault,
            ("OPTION_A", "5"), ("OPTION_B", "5"), ("OPTION_C", "5"), ("OPTION_D", "5_5"), ("OPTION_E", ""));
    }
}
