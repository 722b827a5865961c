using ComposeGen.Runtime;

namespace ComposeGen.Tests.Runtime;

/// <summary>Resolution order (process environment → .env → default) and the .env syntax, with real variables and files.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class DotEnvResolutionTests : IDisposable
{
    private const string Where = "compose.yaml line 7";

    private readonly EnvironmentScope _environment = new();
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        _environment.Dispose();
        _directory.Dispose();
    }

    private string DotEnv(string text) => _directory.File(".env", text);

    [Fact]
    public void Process_environment_beats_dotenv_which_beats_the_default()
    {
        var name = _environment.NewName("ORDER");
        var dotEnv = DotEnv($"{name}=from-dotenv\n");
        var template = "${" + name + ":-from-default}";

        _environment.Set(name, "from-process");
        Assert.Equal("from-process", ComposeRuntime.Interpolate(template, dotEnv, Where));

        _environment.Set(name, null);
        Assert.Equal("from-dotenv", ComposeRuntime.Interpolate(template, dotEnv, Where));

        File.WriteAllText(dotEnv, "# nothing here\n");
        File.SetLastWriteTimeUtc(dotEnv, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("from-default", ComposeRuntime.Interpolate(template, dotEnv, Where));
    }

    [Fact]
    public void Dotenv_value_satisfies_a_required_variable()
    {
        var name = _environment.NewName("REQ");
        var dotEnv = DotEnv($"{name}=secret\n");
        Assert.Equal("secret", ComposeRuntime.Interpolate("${" + name + ":?set it}", dotEnv, Where));
    }

    [Fact]
    public void Empty_dotenv_value_counts_as_set_but_empty()
    {
        var name = _environment.NewName("EMPTY");
        var dotEnv = DotEnv($"{name}=\n");
        Assert.Equal("", ComposeRuntime.Interpolate("${" + name + "-default}", dotEnv, Where));
        Assert.Equal("default", ComposeRuntime.Interpolate("${" + name + ":-default}", dotEnv, Where));
        Assert.Equal("alt", ComposeRuntime.Interpolate("${" + name + "+alt}", dotEnv, Where));
        Assert.Equal("", ComposeRuntime.Interpolate("${" + name + ":+alt}", dotEnv, Where));
        Assert.Equal("", ComposeRuntime.Interpolate("${" + name + "?unset}", dotEnv, Where));
        Assert.Throws<InvalidOperationException>(() => ComposeRuntime.Interpolate("${" + name + ":?empty}", dotEnv, Where));
    }

    [Fact]
    public void Missing_or_null_dotenv_path_is_skipped()
    {
        var name = _environment.NewName();
        Assert.Equal("d", ComposeRuntime.Interpolate("${" + name + ":-d}", null, Where));
        Assert.Equal("d", ComposeRuntime.Interpolate("${" + name + ":-d}", _directory.Combine("no-such.env"), Where));
        Assert.Equal("d", ComposeRuntime.Interpolate("${" + name + ":-d}", "", Where));
        Assert.Equal("d", ComposeRuntime.Interpolate("${" + name + ":-d}", _directory.Path, Where)); // a directory
    }

    [Fact]
    public void Dotenv_is_read_again_after_it_changes()
    {
        var name = _environment.NewName("CHANGE");
        var dotEnv = DotEnv($"{name}=first\n");
        var template = "${" + name + "}";
        Assert.Equal("first", ComposeRuntime.Interpolate(template, dotEnv, Where));
        Assert.Equal("first", ComposeRuntime.Interpolate(template, dotEnv, Where));

        File.WriteAllText(dotEnv, $"{name}=second\n");
        File.SetLastWriteTimeUtc(dotEnv, DateTime.UtcNow.AddMinutes(2));
        Assert.Equal("second", ComposeRuntime.Interpolate(template, dotEnv, Where));

        // Same length, same time stamp: the cached parse is used (the file is not read on every call).
        var stamp = File.GetLastWriteTimeUtc(dotEnv);
        File.WriteAllText(dotEnv, $"{name}=SECOND\n");
        File.SetLastWriteTimeUtc(dotEnv, stamp);
        Assert.Equal("second", ComposeRuntime.Interpolate(template, dotEnv, Where));

        // A different length is noticed even when the time stamp is the same.
        File.WriteAllText(dotEnv, $"{name}=third-and-longer\n");
        File.SetLastWriteTimeUtc(dotEnv, stamp);
        Assert.Equal("third-and-longer", ComposeRuntime.Interpolate(template, dotEnv, Where));

        File.Delete(dotEnv);
        Assert.Equal("gone", ComposeRuntime.Interpolate("${" + name + ":-gone}", dotEnv, Where));

        File.WriteAllText(dotEnv, $"{name}=back\n");
        Assert.Equal("back", ComposeRuntime.Interpolate(template, dotEnv, Where));
    }

    [Fact]
    public void Dotenv_syntax_as_docker_compose_reads_it()
    {
        var p = _environment.NewName("P");
        var dotEnv = DotEnv(string.Join("\n",
            "# a comment",
            "   # an indented comment",
            "",
            $"export {p}_EXPORTED=exported",
            $"{p}_PLAIN=plain value with spaces   ",
            $"{p}_INLINE=value # inline comment",
            $"{p}_HASH=value#not-a-comment",
            $"{p}_SINGLE='single ${{NOT_EXPANDED}} \\n kept # not a comment'",
            $"{p}_DOUBLE=\"double\\tquoted\\n # not a comment\"",
            $"{p}_MULTI=\"line one",
            "line two\"",
            $"{p}_COLON: colon separated",
            $"  {p}_SPACED  =  spaced  ",
            $"{p}_QUOTE_ESCAPES=\"say \\\"hi\\\" \\\\ \\$HOME\"",
            $"{p}_SINGLE_ESCAPE='it\\'s'",
            $"{p}_EQUALS=a=b=c",
            $"{p}_EMPTY_QUOTED=\"\"",
            $"{p}_OCTAL=\"\\0101\"",
            $"{p}_AFTER_QUOTE=\"quoted\" # comment after the quote",
            $"{p}_LAST=first",
            $"{p}_LAST=second",
            $"{p}_UNICODE=héllo wörld ✓",
            $"{p}_CRLF=windows\r",
            $"{p}_BARE_KEY_FOLLOWS=ok",
            $"{p}_BARE",
            ""));

        string Get(string suffix) => ComposeRuntime.Interpolate("${" + p + "_" + suffix + "-<unset>}", dotEnv, Where);

        Assert.Equal("exported", Get("EXPORTED"));
        Assert.Equal("plain value with spaces", Get("PLAIN"));
        Assert.Equal("value", Get("INLINE"));
        Assert.Equal("value#not-a-comment", Get("HASH"));
        Assert.Equal("single ${NOT_EXPANDED} \\n kept # not a comment", Get("SINGLE"));
        Assert.Equal("double\tquoted\n # not a comment", Get("DOUBLE"));
        Assert.Equal("line one\nline two", Get("MULTI"));
        Assert.Equal("colon separated", Get("COLON"));
        Assert.Equal("spaced", Get("SPACED"));
        Assert.Equal("say \"hi\" \\ $HOME", Get("QUOTE_ESCAPES"));
        Assert.Equal("it's", Get("SINGLE_ESCAPE"));
        Assert.Equal("a=b=c", Get("EQUALS"));
        Assert.Equal("", Get("EMPTY_QUOTED"));
        Assert.Equal("A", Get("OCTAL"));
        Assert.Equal("quoted", Get("AFTER_QUOTE"));
        Assert.Equal("second", Get("LAST"));
        Assert.Equal("héllo wörld ✓", Get("UNICODE"));
        Assert.Equal("windows", Get("CRLF"));
        Assert.Equal("ok", Get("BARE_KEY_FOLLOWS"));
        Assert.Equal("<unset>", Get("BARE"));
    }

    [Fact]
    public void Dotenv_with_a_byte_order_mark_and_crlf_line_ends()
    {
        var name = _environment.NewName("BOM");
        var dotEnv = _directory.Combine(".env");
        File.WriteAllText(dotEnv, $"{name}=with-bom\r\nOTHER_{name}=x\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal("with-bom", ComposeRuntime.Interpolate("${" + name + "}", dotEnv, Where));
    }

    [Fact]
    public void Dotenv_values_expand_variables_from_the_environment_then_from_entries_above()
    {
        var p = _environment.NewName("EXP");
        var fromProcess = _environment.Set(_environment.NewName("PROC"), "proc");
        var dotEnv = DotEnv(string.Join("\n",
            $"{p}_USER=alice",
            $"{p}_URL=postgres://${{{p}_USER}}@db/${{{p}_DB:-orders}}",
            $"{p}_PLAIN=$ {p}_USER",
            $"{p}_BRACELESS=x${p}_USER",
            $"{p}_DOUBLE=\"${{{p}_USER}}-quoted\"",
            $"{p}_SINGLE='${{{p}_USER}}-literal'",
            $"{p}_PROC=${{{fromProcess}}}+${{{p}_USER}}",
            $"{p}_BEFORE=${{{p}_LATER:-not yet}}",
            $"{p}_LATER=later",
            $"{p}_ESCAPED=\"\\${{{p}_USER}}\"",
            $"{p}_DOLLARS=a$$b",
            ""));

        string Get(string suffix) => ComposeRuntime.Interpolate("${" + p + "_" + suffix + "}", dotEnv, Where);

        Assert.Equal("postgres://alice@db/orders", Get("URL"));
        Assert.Equal("$ " + p + "_USER", Get("PLAIN")); // invalid syntax: kept as written
        Assert.Equal("xalice", Get("BRACELESS"));
        Assert.Equal("alice-quoted", Get("DOUBLE"));
        Assert.Equal("${" + p + "_USER}-literal", Get("SINGLE"));
        Assert.Equal("proc+alice", Get("PROC"));
        Assert.Equal("not yet", Get("BEFORE"));
        Assert.Equal("${" + p + "_USER}", Get("ESCAPED"));
        Assert.Equal("a$b", Get("DOLLARS"));
    }

    [Fact]
    public void Process_environment_wins_inside_dotenv_expansion_too_and_changes_are_seen()
    {
        var p = _environment.NewName("ENVWIN");
        var dotEnv = DotEnv($"{p}_HOST=dotenv-host\n{p}_URL=http://${{{p}_HOST}}:80\n");
        var template = "${" + p + "_URL}";
        Assert.Equal("http://dotenv-host:80", ComposeRuntime.Interpolate(template, dotEnv, Where));

        _environment.Set(p + "_HOST", "process-host");
        Assert.Equal("http://process-host:80", ComposeRuntime.Interpolate(template, dotEnv, Where));

        _environment.Set(p + "_HOST", "other-host");
        Assert.Equal("http://other-host:80", ComposeRuntime.Interpolate(template, dotEnv, Where));

        _environment.Set(p + "_HOST", null);
        Assert.Equal("http://dotenv-host:80", ComposeRuntime.Interpolate(template, dotEnv, Where));
    }

    [Fact]
    public void Failing_required_variable_inside_dotenv_throws_when_that_key_is_used()
    {
        var p = _environment.NewName("DOTREQ");
        var dotEnv = DotEnv($"{p}_OK=fine\n\n{p}_BAD=${{{p}_MISSING:?needed by BAD}}\n");
        Assert.Equal("fine", ComposeRuntime.Interpolate("${" + p + "_OK}", dotEnv, Where));
        var exception = Assert.Throws<InvalidOperationException>(() => ComposeRuntime.Interpolate("${" + p + "_BAD}", dotEnv, Where));
        Assert.Contains(p + "_MISSING", exception.Message);
        Assert.Contains("needed by BAD", exception.Message);
        Assert.Contains(dotEnv, exception.Message);
        Assert.Contains("line 3", exception.Message);
    }

    [Fact]
    public void Syntax_error_in_a_key_keeps_the_entries_above()
    {
        var p = _environment.NewName("SYNTAX");
        var dotEnv = DotEnv($"{p}_A=a\n{p}_B%=b\n{p}_C=c\n");
        Assert.Equal("a", ComposeRuntime.Interpolate("${" + p + "_A}", dotEnv, Where));
        Assert.Equal("none", ComposeRuntime.Interpolate("${" + p + "_C:-none}", dotEnv, Where));
    }

    [Fact]
    public void Unterminated_quote_stops_reading()
    {
        var p = _environment.NewName("UNTERMINATED");
        var dotEnv = DotEnv($"{p}_A=a\n{p}_B=\"never closed\n{p}_C=c\n");
        Assert.Equal("a", ComposeRuntime.Interpolate("${" + p + "_A}", dotEnv, Where));
        Assert.Equal("none", ComposeRuntime.Interpolate("${" + p + "_B:-none}", dotEnv, Where));
    }

    [Fact]
    public void Exponential_expansion_is_bounded()
    {
        var p = _environment.NewName("BOMB");
        var lines = new List<string> { $"{p}_0=xxxxxxxxxxxxxxxx" };
        for (var i = 1; i <= 40; i++)
            lines.Add($"{p}_{i}=${{{p}_{i - 1}}}${{{p}_{i - 1}}}");
        var dotEnv = DotEnv(string.Join("\n", lines) + "\n");
        Assert.Equal(32, ComposeRuntime.Interpolate("${" + p + "_1}", dotEnv, Where).Length);
        var exception = Assert.Throws<InvalidOperationException>(() => ComposeRuntime.Interpolate("${" + p + "_40}", dotEnv, Where));
        Assert.Contains("characters", exception.Message);
    }
}
