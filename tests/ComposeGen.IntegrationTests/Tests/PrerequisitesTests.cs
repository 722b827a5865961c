using ComposeGen.IntegrationTests.Infrastructure;
using ComposeGen.IntegrationTests.Servers;

namespace ComposeGen.IntegrationTests.Tests;

/// <summary>What happens when a server program is missing: skipped with what to install, failed under CI=true.</summary>
public sealed class PrerequisitesTests
{
    private static readonly string Missing = Prerequisites.MissingMessage("PostgreSQL", "initdb", "postgresql");

    [Fact]
    public void A_missing_server_says_exactly_what_to_install() => Assert.Contains("apt-get install -y postgresql", Missing);

    [Fact]
    public void A_missing_server_skips_the_test_outside_CI()
    {
        var skipped = Assert.Throws<SkipException>(() => Prerequisites.Require(Missing, ci: false));
        Assert.Equal(Missing, skipped.Message);
    }

    [Fact]
    public void A_missing_server_fails_the_test_under_CI()
    {
        var failed = Assert.Throws<ServerMissingException>(() => Prerequisites.Require(Missing, ci: true));
        Assert.Contains("CI=true", failed.Message);
        Assert.Contains("apt-get install -y postgresql", failed.Message);
    }

    [Fact]
    public void Servers_that_are_there_let_the_test_run() => Prerequisites.Require(null, ci: true);

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData(" true ", true)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CI_means_the_CI_variable_is_true(string? value, bool ci) => Assert.Equal(ci, Prerequisites.IsTrue(value));

    [Fact]
    public void MariaDB_init_sql_escapes_string_literals_as_the_official_images_do()
    {
        var sql = MariaDbServer.InitSql("r'o\\ot", "my`db", "us'er", "p'w");
        Assert.Contains("PASSWORD('r\\'o\\\\ot')", sql);
        Assert.Contains("CREATE DATABASE IF NOT EXISTS `my``db`;", sql);
        Assert.Contains("CREATE USER 'us\\'er'@'%' IDENTIFIED BY 'p\\'w';", sql);
    }

    [Fact]
    public void RabbitMQ_advanced_config_writes_any_character_as_an_Erlang_binary()
    {
        var config = RabbitMqServer.AdvancedConfig("a \"b\"", "c\\d é", "x/y");
        Assert.Contains("{default_user, <<\"a \\\"b\\\"\"/utf8>>}", config);
        Assert.Contains("{default_pass, <<\"c\\\\d \\x{E9}\"/utf8>>}", config);
        Assert.Contains("{default_vhost, <<\"x/y\"/utf8>>}", config);
    }
}
