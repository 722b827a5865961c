using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// <see cref="ComposeGenerator.ReferencesAssembly"/> reads the assembly names from the references instead of
/// binding them (<c>compilation.ReferencedAssemblyNames</c>); both must give the same answer.
/// </summary>
public class ReferencedAssemblyTests
{
    private const string Configuration = "Microsoft.Extensions.Configuration";

    [Fact]
    public void An_assembly_file_is_found_by_the_name_in_its_metadata()
    {
        var compilation = Compilation(ReferenceAssemblies.Net10.Concat(ReferenceAssemblies.Configuration));
        Assert.True(ComposeGenerator.ReferencesAssembly(compilation, Configuration));
        Assert.Contains(compilation.ReferencedAssemblyNames, a => a.Name == Configuration);
    }

    [Fact]
    public void Without_the_reference_it_is_not_found()
    {
        var compilation = Compilation(ReferenceAssemblies.Net10);
        Assert.False(ComposeGenerator.ReferencesAssembly(compilation, Configuration));
        Assert.DoesNotContain(compilation.ReferencedAssemblyNames, a => a.Name == Configuration);
    }

    [Fact]
    public void A_name_is_matched_exactly()
    {
        // Microsoft.Extensions.Configuration.Abstractions is referenced, Microsoft.Extensions.Configuration is not.
        var abstractions = ReferenceAssemblies.Configuration.Skip(1);
        var compilation = Compilation(ReferenceAssemblies.Net10.Concat(abstractions));
        Assert.False(ComposeGenerator.ReferencesAssembly(compilation, Configuration));
        Assert.True(ComposeGenerator.ReferencesAssembly(compilation, Configuration + ".Abstractions"));
    }

    [Fact]
    public void A_referenced_compilation_is_found_by_its_assembly_name()
    {
        var other = CSharpCompilation.Create(Configuration, new[] { CSharpSyntaxTree.ParseText("public class C { }") }, ReferenceAssemblies.Net10);
        var compilation = Compilation(ReferenceAssemblies.Net10.Append(other.ToMetadataReference()));
        Assert.True(ComposeGenerator.ReferencesAssembly(compilation, Configuration));
        Assert.Contains(compilation.ReferencedAssemblyNames, a => a.Name == Configuration);
    }

    [Fact]
    public void An_assembly_image_in_memory_is_read_too()
    {
        var other = CSharpCompilation.Create(Configuration, new[] { CSharpSyntaxTree.ParseText("public class C { }") }, ReferenceAssemblies.Net10,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(other.Emit(image).Success);
        var compilation = Compilation(ReferenceAssemblies.Net10.Append(MetadataReference.CreateFromImage(image.ToArray())));
        Assert.True(ComposeGenerator.ReferencesAssembly(compilation, Configuration));
        Assert.Contains(compilation.ReferencedAssemblyNames, a => a.Name == Configuration);
    }

    private static CSharpCompilation Compilation(IEnumerable<MetadataReference> references)
        => CSharpCompilation.Create("Consumer", new[] { CSharpSyntaxTree.ParseText("class Program { }") }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
