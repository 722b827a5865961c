using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// The generator runs on every keystroke: a C# edit must re-run none of the YAML steps, and a YAML
/// comment edit must not re-emit. Checked through the driver's step tracking, as the best generators do.
/// </summary>
public class IncrementalityTests
{
    private static readonly string[] YamlSteps = { TrackingNames.ProjectFiles, TrackingNames.ComposeModel, TrackingNames.ApiModel, TrackingNames.Source };

    [Fact]
    public void Editing_an_unrelated_CSharp_file_reruns_no_yaml_step()
    {
        var (driver, compilation, _) = FirstRun(TestProjects.Shop);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { int X => 1; }", new CSharpParseOptions(LanguageVersion.Latest)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertNothingReran(result, YamlSteps.Append(TrackingNames.UsesConfiguration));
    }

    [Fact]
    public void Re_adding_an_identical_compose_text_reruns_nothing()
    {
        var (driver, compilation, compose) = FirstRun(TestProjects.Shop);
        driver = driver.ReplaceAdditionalText(compose, GeneratorHarness.Compose(TestProjects.Shop));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertNothingReran(result, YamlSteps.Skip(1));
    }

    [Fact]
    public void Editing_only_a_yaml_comment_does_not_re_emit()
    {
        var (driver, compilation, compose) = FirstRun(TestProjects.Shop);
        var commented = TestProjects.Shop.Replace("name: shop", "name: shop # the shop, in production since 2019");
        driver = driver.ReplaceAdditionalText(compose, GeneratorHarness.Compose(commented));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.ComposeModel].Single().Outputs.Single().Reason);
        AssertNothingReran(result, new[] { TrackingNames.ApiModel, TrackingNames.Source });
    }

    [Fact]
    public void Editing_a_value_re_emits()
    {
        var (driver, compilation, compose) = FirstRun(TestProjects.Shop);
        driver = driver.ReplaceAdditionalText(compose, GeneratorHarness.Compose(TestProjects.Shop.Replace("redis:7", "redis:7.2")));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[TrackingNames.Source].Single().Outputs.Single().Reason);
    }

    [Fact]
    public void No_step_output_holds_a_compilation_symbol_syntax_node_or_location()
    {
        // Our steps only; Roslyn's own "Compilation" input step naturally holds the compilation.
        var (driver, _, _) = FirstRun(TestProjects.Shop);
        var result = driver.GetRunResult().Results.Single();
        foreach (var (name, steps) in result.TrackedSteps.Where(step => typeof(TrackingNames).GetField(step.Key) is not null))
        {
            foreach (var output in steps.SelectMany(step => step.Outputs))
                AssertNoRoslynObjects(output.Value, $"step {name}", new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static (GeneratorDriver Driver, Compilation Compilation, AdditionalText Compose) FirstRun(string yaml)
    {
        var compose = GeneratorHarness.Compose(yaml);
        var compilation = GeneratorHarness.CreateCompilation(new[] { "class Program { }" }, ReferenceAssemblies.Net10);
        var driver = GeneratorHarness.CreateDriver(new[] { compose }).RunGenerators(compilation);
        Assert.NotNull(driver.GetRunResult().Results.Single().GeneratedSources.FirstOrDefault(s => s.HintName == "Compose.g.cs").SourceText);
        return (driver, compilation, compose);
    }

    private static void AssertNothingReran(GeneratorRunResult result, IEnumerable<string> steps)
    {
        foreach (var step in steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {step} re-ran: {output.Reason}");
        }
    }

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
            return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or Location or SyntaxTree, $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.DeclaringType == typeof(string))
                continue;
            object? child;
            try
            {
                child = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            AssertNoRoslynObjects(child, $"{path}.{property.Name}", seen);
        }
    }
}
