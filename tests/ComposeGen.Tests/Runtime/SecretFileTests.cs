using ComposeGen.Runtime;

namespace ComposeGen.Tests.Runtime;

public sealed class SecretFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("pw", "pw")]
    [InlineData("pw\n", "pw")]
    [InlineData("pw\n\n\n", "pw")] // bash's $(< file) in the images' file_env drops every trailing line feed
    [InlineData("pw\r\n", "pw\r")] // ... and only line feeds: the server's password keeps the carriage return
    [InlineData("  spaced pw  \n", "  spaced pw  ")]
    [InlineData("two\nlines\n", "two\nlines")]
    [InlineData("\n", "")]
    [InlineData("", "")]
    [InlineData("p@ss;w:o/r=d'\"# %?é\n", "p@ss;w:o/r=d'\"# %?é")]
    public void Trailing_line_feeds_are_removed_as_the_official_images_do(string content, string expected)
    {
        var path = _directory.File("secret", content);
        Assert.Equal(expected, ComposeRuntime.ReadSecretFile(path));
    }

    [Fact]
    public void Byte_order_mark_is_not_part_of_the_secret()
    {
        var path = _directory.Combine("bom");
        File.WriteAllText(path, "é-secret\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal("é-secret", ComposeRuntime.ReadSecretFile(path));
    }

    [Fact]
    public void First_existing_path_wins()
    {
        var container = _directory.Combine("run-secrets-db_password");
        var host = _directory.File("db_password.txt", "from-host\n");
        Assert.Equal("from-host", ComposeRuntime.ReadSecretFile(container, host));

        File.WriteAllText(container, "from-container\n");
        Assert.Equal("from-container", ComposeRuntime.ReadSecretFile(container, host));
    }

    [Fact]
    public void Null_and_empty_paths_are_skipped()
    {
        var host = _directory.File("secret.txt", "s3cret");
        Assert.Equal("s3cret", ComposeRuntime.ReadSecretFile(null, "", _directory.Combine("missing"), host));
    }

    [Fact]
    public void Directories_do_not_count_as_secret_files()
    {
        var host = _directory.File("secret.txt", "s3cret");
        Assert.Equal("s3cret", ComposeRuntime.ReadSecretFile(_directory.Path, host));
    }

    [Fact]
    public void Nothing_found_is_null()
    {
        Assert.Null(ComposeRuntime.ReadSecretFile(_directory.Combine("a"), _directory.Combine("b")));
        Assert.Null(ComposeRuntime.ReadSecretFile());
        Assert.Null(ComposeRuntime.ReadSecretFile((string?[])null!));
        Assert.Null(ComposeRuntime.ReadSecretFile(null, null));
    }
}
