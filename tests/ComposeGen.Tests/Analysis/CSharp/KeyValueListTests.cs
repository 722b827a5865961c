using ComposeGen.Analysis.CSharp;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>CG5003's test for a connection string that is nothing but <c>Key=value</c> fields, against the obvious version built on <c>Split</c>.</summary>
public class KeyValueListTests
{
    [Theory]
    [InlineData("Host=orders-db;Port=5432;Username=app", true)]
    [InlineData(" Host = orders-db ; Port=5432 ;", true)]
    [InlineData("Data Source=db;Initial Catalog=shop", true)]
    [InlineData("Host=orders-db;Password=two words", false)]
    [InlineData("connect: Host=orders-db", false)]
    [InlineData("=db", false)]
    [InlineData(";;", false)]
    [InlineData("", false)]
    public void Recognises_key_value_lists(string text, bool expected)
        => Assert.Equal(expected, GeneratedMembers.IsKeyValueList(text));

    [Fact]
    public void Answers_as_the_split_version_on_random_text()
    {
        var random = new Random(20261123);
        const string alphabet = "ab=; \t._-1éH";
        for (var n = 0; n < 100_000; n++)
        {
            var chars = new char[random.Next(0, 14)];
            for (var i = 0; i < chars.Length; i++)
                chars[i] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            Assert.True(Reference(text) == GeneratedMembers.IsKeyValueList(text), $"'{text}'");
        }
    }

    private static bool Reference(string text)
    {
        var fields = 0;
        foreach (var field in text.Split(';'))
        {
            if (field.Trim().Length == 0)
                continue;
            var eq = field.IndexOf('=');
            if (eq <= 0)
                return false;
            var key = field.Substring(0, eq).Trim();
            var value = field.Substring(eq + 1).Trim();
            if (key.Length == 0 || key.Any(c => !(char.IsLetterOrDigit(c) || c is ' ' or '_' or '.' or '-')) || value.Any(char.IsWhiteSpace))
                return false;
            fields++;
        }

        return fields > 0;
    }
}
