using ComposeGen.Emit;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// Interpolated lines are written into the writer in place; they must give exactly the text that the same
/// string passed whole gives.
/// </summary>
public class IndentedWriterTests
{
    [Fact]
    public void An_interpolated_line_is_the_same_as_the_string()
    {
        var name = "web";
        var port = 8080;
        var values = new[] { "a\"b", "c" };
        Assert.Equal(
            Write(w => w.Line("public const string Name = " + CSharp.String(name) + "; // " + port + " " + CSharp.Xml("<x & y>") + " " + CSharp.Code(new string('z', 130)))),
            Write(w => w.Line($"public const string Name = {CSharp.Literal(name)}; // {port} {CSharp.XmlOf("<x & y>")} {CSharp.CodeOf(new string('z', 130))}")));
        Assert.Equal(
            Write(w => w.Line("x = new[] { \"a\\\"b\", \"c\" };")),
            Write(w => w.Line($"x = {new NameArray(values)};")));
        Assert.Equal(
            Write(w => w.Line("x = global::System.Array.Empty<string>();")),
            Write(w => w.Line($"x = {new NameArray(Array.Empty<string>())};")));
        Assert.Equal(Write(w => w.Line(CSharp.String(null))), Write(w => w.Line($"{CSharp.Literal(null)}")));
    }

    [Fact]
    public void An_empty_interpolated_line_has_no_indentation()
    {
        var empty = "";
        Assert.Equal(Write(w => w.Line("")), Write(w => w.Line($"{empty}")));
    }

    [Fact]
    public void An_interpolated_summary_is_the_same_as_the_string_even_with_line_breaks()
    {
        foreach (var text in new[] { "one line", "", "two\nlines", "three\nlines\n", "\nleading" })
        {
            Assert.Equal(Write(w => w.Summary("Text: " + text + ".")), Write(w => w.Summary($"Text: {text}.")));
            Assert.Equal(Write(w => w.Summary(text)), Write(w => w.Summary($"{text}")));
        }
    }

    [Fact]
    public void An_interpolated_block_header_is_the_same_as_the_string()
    {
        var name = "Web";
        Assert.Equal(
            Write(w => { using (w.Open("public static partial class " + name)) w.Line("x"); }),
            Write(w => { using (w.Open($"public static partial class {name}")) w.Line("x"); }));
    }

    /// <summary>Writes inside two open blocks, so indentation is part of what is compared.</summary>
    private static string Write(Action<IndentedWriter> write)
    {
        var w = new IndentedWriter();
        using (w.Open("namespace N"))
        {
            using (w.Open("class C"))
                write(w);
        }

        return w.ToString();
    }
}
