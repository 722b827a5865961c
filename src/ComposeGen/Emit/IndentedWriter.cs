using System;
using System.Text;

namespace ComposeGen.Emit;

/// <summary>
/// Writes C# the way a person would lay it out: four-space indentation, <c>\n</c> line endings
/// (byte-identical output on every OS), braces on their own lines.
/// </summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Opens a <c>{</c> block; dispose the result to close it.</summary>
    public Block Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Block(this);
    }

    /// <summary>A <c>/// &lt;summary&gt;</c> comment; the text is XML-escaped here, so callers pass plain text.</summary>
    public IndentedWriter Summary(string text)
    {
        Line("/// <summary>");
        foreach (var line in text.Split('\n'))
            Line("/// " + line);
        return Line("/// </summary>");
    }

    /// <summary>A blank line between members, but never right after an opening brace.</summary>
    public IndentedWriter Gap()
    {
        if (_text.Length >= 2 && !(_text[_text.Length - 2] == '{' && _text[_text.Length - 1] == '\n'))
            _text.Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    public readonly struct Block : IDisposable
    {
        private readonly IndentedWriter _writer;

        public Block(IndentedWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}");
        }
    }
}
