using System;
using System.Runtime.CompilerServices;
using System.Text;

namespace ComposeGen.Emit;

/// <summary>
/// Writes C# the way a person would lay it out: four-space indentation, <c>\n</c> line endings
/// (byte-identical output on every OS), braces on their own lines.
/// <para>
/// An interpolated string passed to <see cref="Line(ref LineHandler)"/>, <see cref="Open(ref LineHandler)"/> or
/// <see cref="Summary(ref LineHandler)"/> is written straight into the text (see <see cref="LineHandler"/>), so the
/// millions of characters of a large project's code are not first built as one string per line.
/// </para>
/// </summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text;
    private int _indent;

    public IndentedWriter(int capacity = 16)
        => _text = new StringBuilder(capacity);

    public IndentedWriter Line(string line = "")
    {
        if (line.Length > 0)
            _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary><see cref="Line(string)"/> for an interpolated string, written in place.</summary>
    public IndentedWriter Line([InterpolatedStringHandlerArgument("")] ref LineHandler line)
    {
        line.End();
        return this;
    }

    /// <summary>Opens a <c>{</c> block; dispose the result to close it.</summary>
    public Block Open(string header)
    {
        Line(header);
        return OpenBrace();
    }

    /// <summary><see cref="Open(string)"/> for an interpolated string, written in place.</summary>
    public Block Open([InterpolatedStringHandlerArgument("")] ref LineHandler header)
    {
        header.End();
        return OpenBrace();
    }

    /// <summary>A <c>/// &lt;summary&gt;</c> comment. The text must already be XML-escaped (see <see cref="CSharp.Xml"/>); each of its lines gets a <c>///</c>.</summary>
    public IndentedWriter Summary(string text)
    {
        Line("/// <summary>");
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            CommentLine(text, start, (end < 0 ? text.Length : end) - start);
            if (end < 0)
                break;
            start = end + 1;
        }

        return Line("/// </summary>");
    }

    /// <summary><see cref="Summary(string)"/> for an interpolated string, written in place.</summary>
    public IndentedWriter Summary([InterpolatedStringHandlerArgument("")] ref SummaryHandler text)
    {
        text.End();
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

    private Block OpenBrace()
    {
        Line("{");
        _indent++;
        return new Block(this);
    }

    /// <summary><c>/// </c> and a part of <paramref name="text"/>, as <c>Line("/// " + part)</c> writes it.</summary>
    private void CommentLine(string text, int start, int length)
        => _text.Append(' ', _indent * 4).Append("/// ").Append(text, start, length).Append('\n');

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

    /// <summary>
    /// Appends the parts of an interpolated string to the writer's text as the line's content, with the
    /// indentation before it; <see cref="End"/> ends the line. The same text as <c>Line($"...")</c> with
    /// the string built first: holes are formatted as string interpolation formats them (current culture).
    /// </summary>
    [InterpolatedStringHandler]
    public ref struct LineHandler
    {
        private readonly StringBuilder _text;
        private readonly int _start;
        private readonly int _afterIndent;

        public LineHandler(int literalLength, int formattedCount, IndentedWriter writer)
        {
            _text = writer._text;
            _start = _text.Length;
            _text.Append(' ', writer._indent * 4);
            _afterIndent = _text.Length;
        }

        public void AppendLiteral(string value) => _text.Append(value);

        public void AppendFormatted(string? value) => _text.Append(value);

        // As interpolation formats an int (the culture of the thread; the generated code only has non-negative ones).
        public void AppendFormatted(int value) => _text.Append(value);

        public void AppendFormatted(StringLiteral value) => CSharp.AppendString(_text, value.Value);

        public void AppendFormatted(XmlText value) => value.AppendTo(_text);

        public void AppendFormatted(NameArray value) => value.AppendTo(_text);

        public void AppendFormatted<T>(T value)
        {
            if (value is IFormattable formattable)
                _text.Append(formattable.ToString(null, null));
            else if (value is not null)
                _text.Append(value.ToString());
        }

        /// <summary>Ends the line; an empty line gets no indentation, as <see cref="Line(string)"/> writes it.</summary>
        internal void End()
        {
            if (_text.Length == _afterIndent)
                _text.Length = _start;
            _text.Append('\n');
        }
    }

    /// <summary>
    /// The <see cref="Summary(string)"/> of an interpolated string: the opening line, then the text in place
    /// after <c>///</c>. A text with a line break (rare) is taken back out and written one <c>///</c> per line.
    /// </summary>
    [InterpolatedStringHandler]
    public ref struct SummaryHandler
    {
        private readonly IndentedWriter _writer;
        private readonly int _textStart;
        private LineHandler _line;

        public SummaryHandler(int literalLength, int formattedCount, IndentedWriter writer)
        {
            _writer = writer;
            writer.Line("/// <summary>");
            _line = new LineHandler(literalLength, formattedCount, writer);
            _line.AppendLiteral("/// ");
            _textStart = writer._text.Length;
        }

        public void AppendLiteral(string value) => _line.AppendLiteral(value);

        public void AppendFormatted(string? value) => _line.AppendFormatted(value);

        public void AppendFormatted(int value) => _line.AppendFormatted(value);

        public void AppendFormatted(StringLiteral value) => _line.AppendFormatted(value);

        public void AppendFormatted(XmlText value) => _line.AppendFormatted(value);

        public void AppendFormatted<T>(T value) => _line.AppendFormatted(value);

        internal void End()
        {
            var text = _writer._text;
            for (var i = _textStart; i < text.Length; i++)
            {
                if (text[i] != '\n')
                    continue;
                var written = text.ToString(_textStart, text.Length - _textStart);
                text.Length = _textStart;
                var first = written.IndexOf('\n');
                text.Append(written, 0, first).Append('\n');
                var start = first + 1;
                while (true)
                {
                    var end = written.IndexOf('\n', start);
                    _writer.CommentLine(written, start, (end < 0 ? written.Length : end) - start);
                    if (end < 0)
                        return;
                    start = end + 1;
                }
            }

            text.Append('\n');
        }
    }
}
