using ComposeGen.Runtime;

namespace ComposeGen.Tests.Runtime;

/// <summary>Every interpolation form, evaluated against a fake environment (so set-but-empty can be tested).</summary>
[Collection(RuntimeCollection.Name)]
public sealed class InterpolationTests : IDisposable
{
    private const string Where = "docker-compose.yml line 12";

    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal)
    {
        ["SET"] = "value",
        ["EMPTY"] = "",
        ["OTHER"] = "other",
        ["DOLLAR"] = "a$b",
    };

    public InterpolationTests()
        => ComposeRuntime.EnvironmentVariableReader = name => _environment.TryGetValue(name, out var value) ? value : null;

    public void Dispose() => ComposeRuntime.ResetSeams();

    private static string Eval(string template) => ComposeRuntime.Interpolate(template, null, Where);

    [Theory]
    [InlineData("", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("$$", "$")]
    [InlineData("a$$b", "a$b")]
    [InlineData("$$$$", "$$")]
    [InlineData("$${SET}", "${SET}")]
    [InlineData("$$SET", "$SET")]
    [InlineData("price: 5$$", "price: 5$")]
    public void Dollar_dollar_is_a_literal_dollar(string template, string expected)
        => Assert.Equal(expected, Eval(template));

    [Theory]
    [InlineData("$SET", "value")]
    [InlineData("${SET}", "value")]
    [InlineData("x$SET.y", "xvalue.y")]
    [InlineData("x${SET}y", "xvaluey")]
    [InlineData("$SET$OTHER", "valueother")]
    [InlineData("$SETX", "")]
    [InlineData("${SET}X", "valueX")]
    [InlineData("$UNSET", "")]
    [InlineData("${UNSET}", "")]
    [InlineData("$EMPTY", "")]
    [InlineData("${DOLLAR}", "a$b")]
    [InlineData("postgres://u:${SET}@db:5432/${OTHER}", "postgres://u:value@db:5432/other")]
    public void Plain_references(string template, string expected)
        => Assert.Equal(expected, Eval(template));

    [Theory]
    [InlineData("${SET:-d}", "value")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${UNSET:-d}", "d")]
    [InlineData("${SET-d}", "value")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${UNSET-d}", "d")]
    [InlineData("${UNSET:-}", "")]
    [InlineData("${UNSET-}", "")]
    [InlineData("${UNSET:-with spaces and : colons}", "with spaces and : colons")]
    [InlineData("${UNSET:-a-b}", "a-b")]
    [InlineData("${UNSET:-$$}", "$")]
    [InlineData("${UNSET:-{x}", "{x")]
    public void Defaults(string template, string expected)
        => Assert.Equal(expected, Eval(template));

    [Theory]
    [InlineData("${SET:+a}", "a")]
    [InlineData("${EMPTY:+a}", "")]
    [InlineData("${UNSET:+a}", "")]
    [InlineData("${SET+a}", "a")]
    [InlineData("${EMPTY+a}", "a")]
    [InlineData("${UNSET+a}", "")]
    [InlineData("--flag${SET:+=on}", "--flag=on")]
    public void Alternatives(string template, string expected)
        => Assert.Equal(expected, Eval(template));

    [Theory]
    [InlineData("${SET:?e}", "value")]
    [InlineData("${SET?e}", "value")]
    [InlineData("${EMPTY?e}", "")]
    public void Required_variables_that_are_there(string template, string expected)
        => Assert.Equal(expected, Eval(template));

    [Theory]
    [InlineData("${UNSET:?set UNSET in .env}", "UNSET", "set UNSET in .env")]
    [InlineData("${EMPTY:?must not be empty}", "EMPTY", "must not be empty")]
    [InlineData("${UNSET?is required}", "UNSET", "is required")]
    [InlineData("prefix-${UNSET:?the message}-suffix", "UNSET", "the message")]
    public void Required_variables_that_are_missing_throw_with_the_compose_message(string template, string name, string message)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Eval(template));
        Assert.Contains(name, exception.Message);
        Assert.Contains(message, exception.Message);
        Assert.Contains(Where, exception.Message);
        Assert.StartsWith($"required variable {name} is missing a value: {message}", exception.Message);
    }

    [Fact]
    public void Required_variable_without_a_message()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Eval("${UNSET:?}"));
        Assert.StartsWith("required variable UNSET is missing a value (" + Where + ")", exception.Message);
    }

    [Fact]
    public void Required_message_is_itself_interpolated()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Eval("${UNSET:?need it for ${SET}}"));
        Assert.Contains("need it for value", exception.Message);
    }

    [Fact]
    public void Required_message_names_the_env_file_to_edit()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => ComposeRuntime.Interpolate("${UNSET:?x}", "/srv/app/.env", Where));
        Assert.Contains("/srv/app/.env", exception.Message);
    }

    [Theory]
    [InlineData("${UNSET:-${SET}}", "value")]
    [InlineData("${UNSET:-${OTHER:-x}}", "other")]
    [InlineData("${UNSET:-${ALSO_UNSET:-deep}}", "deep")]
    [InlineData("${UNSET:-${ALSO_UNSET:-${SET}-and-more}}", "value-and-more")]
    [InlineData("${UNSET:-a${SET}b${OTHER}c}", "avaluebotherc")]
    [InlineData("${SET:+${OTHER}}", "other")]
    [InlineData("${SET:+[${UNSET:-none}]}", "[none]")]
    [InlineData("${UNSET-$SET}", "value")]
    [InlineData("${UNSET:-$$SET}", "$SET")]
    [InlineData("${SET:-${UNSET:?never evaluated}}", "value")]
    [InlineData("${UNSET:+${UNSET2:?never evaluated}}", "")]
    [InlineData("${UNSET:-${A:-${B:-${C:-${D:-5}}}}}", "5")]
    public void Nested_templates_are_evaluated_only_when_used(string template, string expected)
        => Assert.Equal(expected, Eval(template));

    [Fact]
    public void Nested_required_error_fires_when_its_branch_is_taken()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Eval("${SET:+${UNSET:?inner is needed}}"));
        Assert.Contains("UNSET", exception.Message);
        Assert.Contains("inner is needed", exception.Message);
    }

    [Theory]
    [InlineData("$")]
    [InlineData("abc$")]
    [InlineData("${")]
    [InlineData("${}")]
    [InlineData("${1A}")]
    [InlineData("${SET")]
    [InlineData("${SET:-unclosed")]
    [InlineData("${SET:x}")]
    [InlineData("${SET!}")]
    [InlineData("$1")]
    [InlineData("$-")]
    [InlineData("a $ b")]
    [InlineData("${SET:-${}")]
    [InlineData("${UNSET:+$}")]
    public void Invalid_syntax_throws_naming_where(string template)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Eval(template));
        Assert.Contains("invalid interpolation", exception.Message);
        Assert.Contains(Where, exception.Message);
    }

    [Fact]
    public void Very_deep_nesting_is_refused_not_overflowed()
    {
        var template = string.Concat(Enumerable.Repeat("${UNSET:-", 10_000)) + "x" + new string('}', 10_000);
        var exception = Assert.Throws<InvalidOperationException>(() => Eval(template));
        Assert.Contains("nested too deeply", exception.Message);
    }

    [Fact]
    public void Null_template_is_an_argument_error()
        => Assert.Throws<ArgumentNullException>(() => ComposeRuntime.Interpolate(null!, null, Where));

    [Fact]
    public void Template_without_dollar_reads_no_variable()
    {
        var asked = 0;
        ComposeRuntime.EnvironmentVariableReader = _ =>
        {
            asked++;
            return null;
        };
        Assert.Equal("postgres:16-alpine", Eval("postgres:16-alpine"));
        Assert.Equal(0, asked);
    }

    [Fact]
    public void Values_are_read_each_time_not_cached()
    {
        Assert.Equal("value", Eval("${SET}"));
        _environment["SET"] = "changed";
        Assert.Equal("changed", Eval("${SET}"));
    }
}
