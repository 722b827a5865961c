using ComposeGen.Analysis.Practices;
using ComposeGen.Parsing;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>CG4002: a database's data directory in a host directory.</summary>
public class DatabaseBindMountRuleTests
{
    private static readonly DatabaseBindMountRule Rule = new();

    [Fact]
    public void A_bind_mount_on_the_data_directory_is_reported_on_the_mount()
    {
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: postgres:16
                volumes:
                  - ./pgdata:/var/lib/postgresql/data
            """, 5, 9);
        Assert.Equal(ProblemSeverity.Info, problem.Severity);
        Assert.Equal(
            "service 'db' bind-mounts host path './pgdata' on the data directory /var/lib/postgresql/data of 'postgres:16': prefer a named volume (e.g. 'db-data:/var/lib/postgresql/data'); "
            + "with a bind mount the database's user must own the host files, and I/O is slow on Docker Desktop for macOS and Windows",
            problem.Message);
    }

    [Fact]
    public void A_bind_mount_on_a_parent_of_the_data_directory_counts()
    {
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: mariadb:11
                volumes:
                  - type: bind
                    source: /srv/db
                    target: /var/lib
            """, 5, 9);
        Assert.Contains("bind-mounts host path '/srv/db' on /var/lib, which holds the data directory /var/lib/mysql, of 'mariadb:11'", problem.Message);
    }

    [Theory]
    [InlineData("postgres:16", "db-data:/var/lib/postgresql/data")]              // a named volume: the fix
    [InlineData("postgres:16", "./init.sql:/docker-entrypoint-initdb.d/init.sql")] // not the data directory
    [InlineData("mysql:8.4", "./my.cnf:/etc/mysql/conf.d/my.cnf:ro")]
    [InlineData("redis:7", "./data:/data")]                                       // not a database in this sense
    [InlineData("minio/minio", "./export:/export")]
    [InlineData("nginx:1.27", "./html:/usr/share/nginx/html")]
    public void Other_mounts_and_other_images_are_fine(string image, string volume)
        => Practice.Silent(Rule, $"services:\n  db:\n    image: {image}\n    volumes:\n      - {volume}\n");

    [Fact]
    public void A_named_volume_below_a_bound_parent_holds_the_data()
        => Practice.Silent(Rule, """
            services:
              db:
                image: postgres:16
                volumes:
                  - ./pg:/var/lib/postgresql
                  - db-data:/var/lib/postgresql/data
            volumes:
              db-data: {}
            """);
}
