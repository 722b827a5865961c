using System;
using System.Collections.Generic;
using System.Text;
using ComposeGen.Model;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// The words of a service's <c>command</c> (and of <c>sh -c "..."</c> strings inside it), split the way a
/// POSIX shell splits them: quotes group and are removed, <c>""</c> stays an empty word. Good enough to
/// find flags such as <c>--save ""</c>, <c>--dir /x</c> or <c>server /data</c>; never a shell.
/// </summary>
internal static class CommandTokens
{
    public static IReadOnlyList<string> Of(CommandLine? command)
    {
        var tokens = new List<string>();
        if (command is null)
            return tokens;
        if (command.ShellForm is { } shell)
        {
            tokens.AddRange(Split(shell.Value));
            return tokens;
        }

        foreach (var item in command.ExecForm)
        {
            // ["sh", "-c", "redis-server --save ''"]: the script is one item; its words count too.
            if (ContainsWhitespace(item.Value))
                tokens.AddRange(Split(item.Value));
            else
                tokens.Add(item.Value);
        }

        return tokens;
    }

    public static IReadOnlyList<string> Split(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
            return tokens;
        var current = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        for (var i = 0; i < text!.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
                else if (c == '\\' && quote == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                    current.Append(text[++i]);
                else
                    current.Append(c);
                continue;
            }

            switch (c)
            {
                case '\'':
                case '"':
                    quote = c;
                    inWord = true;
                    break;
                case '\\' when i + 1 < text.Length:
                    current.Append(text[++i]);
                    inWord = true;
                    break;
                case ';':
                case '&':
                case '|':
                    Flush();
                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        Flush();
                    }
                    else
                    {
                        current.Append(c);
                        inWord = true;
                    }

                    break;
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (inWord)
                tokens.Add(current.ToString());
            current.Clear();
            inWord = false;
        }
    }

    /// <summary>
    /// The value of a flag: <c>--dir /x</c> or <c>--dir=/x</c> (the last occurrence wins, as for most
    /// servers). Null when the flag is absent or has nothing after it.
    /// </summary>
    public static string? FlagValue(IReadOnlyList<string> tokens, params string[] names)
    {
        string? value = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            foreach (var name in names)
            {
                if (tokens[i] == name && i + 1 < tokens.Count)
                    value = tokens[i + 1];
                else if (tokens[i].StartsWith(name + "=", StringComparison.Ordinal))
                    value = tokens[i].Substring(name.Length + 1);
            }
        }

        return value;
    }

    public static bool HasFlag(IReadOnlyList<string> tokens, params string[] names)
    {
        foreach (var token in tokens)
        {
            foreach (var name in names)
            {
                if (token == name || token.StartsWith(name + "=", StringComparison.Ordinal))
                    return true;
            }
        }

        return false;
    }

    private static bool ContainsWhitespace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
                return true;
        }

        return false;
    }
}
