using ComposeGen.Parsing.Interpolation;

namespace ComposeGen.Tests.Parsing;

public class TemplateTests
{
    private static readonly DictionaryVariableSource Variables = new(new Dictionary<string, string>
    {
        ["SET"] = "value",
        ["EMPTY"] = "",
        ["PORT"] = "5432",
    });

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("$SET", "value")]
    [InlineData("${SET}", "value")]
    [InlineData("a${SET}b$SET.c", "avalueb" + "value.c")]
    [InlineData("$$SET", "$SET")]
    [InlineData("$${SET}", "${SET}")]
    [InlineData("${UNSET:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("${UNSET-fallback}", "fallback")]
    [InlineData("${SET:+alt}", "alt")]
    [InlineData("${EMPTY:+alt}", "")]
    [InlineData("${EMPTY+alt}", "alt")]
    [InlineData("${UNSET+alt}", "")]
    [InlineData("${UNSET:-${ALSO_UNSET:-${PORT}}}", "5432")]
    [InlineData("${UNSET:-host:${PORT}}/db", "host:5432/db")]
    [InlineData("${UNSET:-a}}", "a}")]
    [InlineData("${SET?must be set}", "value")]
    public void Evaluates_like_docker_compose(string raw, string expected)
    {
        var parsed = TemplateParser.Parse(raw);
        Assert.Null(parsed.Error);
        Assert.Equal(expected, TemplateEvaluator.Evaluate(parsed.Template, Variables).Value);
        Assert.Equal(raw, parsed.Template.Raw);
    }

    [Theory]
    [InlineData("${UNSET:?the database password}", "required variable UNSET is missing a value: the database password")]
    [InlineData("${EMPTY:?}", "required variable EMPTY is missing a value")]
    [InlineData("${UNSET?no}", "required variable UNSET is missing a value: no")]
    public void Required_variables_carry_the_compose_files_message(string raw, string message)
    {
        var result = TemplateEvaluator.Evaluate(TemplateParser.Parse(raw).Template, Variables);
        Assert.Equal(message, result.RequiredError);
    }

    [Fact]
    public void Empty_but_set_satisfies_the_colon_less_required_form()
        => Assert.Null(TemplateEvaluator.Evaluate(TemplateParser.Parse("${EMPTY?x}").Template, Variables).RequiredError);

    [Fact]
    public void An_unset_variable_without_default_becomes_empty_and_is_reported_as_missing()
    {
        var result = TemplateEvaluator.Evaluate(TemplateParser.Parse("x-$UNSET-${ALSO}").Template, Variables);
        Assert.Equal("x--", result.Value);
        Assert.Equal(new[] { "UNSET", "ALSO" }, result.MissingVariables);
    }

    [Fact]
    public void The_template_records_each_reference_and_its_position()
    {
        var template = TemplateParser.Parse("Host=db;Password=${DB_PASSWORD:-secret}").Template;
        var variable = Assert.Single(template.Parts.OfType<VariablePart>());
        Assert.Equal("DB_PASSWORD", variable.Name);
        Assert.Equal(VariableOperator.DefaultIfUnsetOrEmpty, variable.Operator);
        Assert.Equal("secret", variable.Argument!.LiteralText);
        Assert.Equal(17, variable.Offset);
        Assert.Equal("${DB_PASSWORD:-secret}", "Host=db;Password=${DB_PASSWORD:-secret}".Substring(variable.Offset, variable.Length));
        Assert.Equal(new[] { "DB_PASSWORD" }, template.VariableNames);
        Assert.False(template.IsLiteral);
    }

    [Fact]
    public void A_value_with_only_escapes_is_a_literal()
    {
        var template = TemplateParser.Parse("echo $$HOME").Template;
        Assert.True(template.IsLiteral);
        Assert.Equal("echo $HOME", template.LiteralText);
    }

    [Fact]
    public void Templates_compare_by_value()
        => Assert.Equal(TemplateParser.Parse("${A:-x}").Template, TemplateParser.Parse("${A:-x}").Template);

    [Theory]
    [InlineData("${}")]
    [InlineData("${VAR")]
    [InlineData("${VAR:-x")]
    [InlineData("${ VAR}")]
    [InlineData("${VAR%x}")]
    [InlineData("$1")]
    [InlineData("price: 5$")]
    [InlineData("${1VAR}")]
    public void Invalid_syntax_is_reported_not_thrown(string raw)
    {
        var parsed = TemplateParser.Parse(raw);
        Assert.NotNull(parsed.Error);
        Assert.Equal(raw, parsed.Template.Raw);
    }
}
