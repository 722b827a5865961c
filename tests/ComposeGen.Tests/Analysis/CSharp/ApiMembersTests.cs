using ComposeGen.Emit;
using ComposeGen.Model;
using ComposeGen.Tests.Conformance;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Analysis.CSharp;

/// <summary>
/// CG5003 reads which members the generator emits for a service (<see cref="ApiServiceBuilder.Members"/>) without the
/// whole description when the generator's has not been built for that project (a <c>.env</c> that changes the load).
/// It must say exactly what the whole description says, or CG5003 would point at members that do not exist.
/// </summary>
public sealed class ApiMembersTests
{
    [Fact]
    public void Every_corpus_service_gets_the_members_its_whole_description_has()
    {
        var services = 0;
        var withConnection = 0;
        foreach (var corpusCase in CorpusFiles.All().Where(c => c.Valid))
        {
            var project = CorpusFiles.Load(corpusCase).Project;
            var directory = Path.GetDirectoryName(Path.Combine(CorpusFiles.Root, corpusCase.RelativePath))!;
            var builder = ApiServiceBuilder.For(project, directory);
            // Members first, while nothing is built, so that each is made on its own...
            var members = project.Services.Select(builder.Members).ToList();
            // ...then the whole descriptions, which the generator emits.
            for (var i = 0; i < project.Services.Count; i++)
            {
                var whole = builder.Build(project.Services[i]);
                AssertSame(whole, members[i], $"{corpusCase.RelativePath}: {project.Services[i].Name}");
                AssertSame(whole, builder.Members(project.Services[i]), $"{corpusCase.RelativePath}: {project.Services[i].Name}, after the whole description");
                services++;
                if (whole.Connection is not null)
                    withConnection++;
            }
        }

        // The corpus covers both sides: services with a generated connection string and services without one.
        Assert.True(services > 300, $"{services} services");
        Assert.True(withConnection > 30, $"{withConnection} services with a connection string");
        Assert.True(services - withConnection > 50, $"{services - withConnection} services without one");
    }

    [Theory]
    [InlineData("postgres:16", "[\"15432:5432\"]", true)]
    [InlineData("postgres:16", "[\"15432:6000\"]", true)] // the image's own port is still there, on the network
    [InlineData("postgres:16", null, true)] // the image's default port, reachable on the network
    [InlineData("redis:7", "[\"6000:6379\"]", true)]
    [InlineData("apache/kafka:3.8.0", "[\"9092:9092\"]", true)]
    [InlineData("mcr.microsoft.com/azure-storage/azurite", null, true)]
    [InlineData("example/app:1", "[\"8080:8080\"]", false)] // no recognised image
    public void A_connection_string_is_a_member_exactly_when_the_generator_emits_one(string image, string? ports, bool expected)
    {
        var project = TestCompose.Project($"services:\n  svc:\n    image: {image}\n" + (ports is null ? "" : $"    ports: {ports}\n"));
        var service = project.Service("svc");
        var members = ApiServiceBuilder.For(project, "/app").Members(service);
        Assert.Equal(expected, members.HasConnection);
        Assert.Equal(expected, ApiServiceBuilder.For(project, "/app").Build(service).Connection is not null);
    }

    private static void AssertSame(ApiService whole, ApiMembers members, string where)
    {
        Assert.True(whole.Identifier == members.Identifier, $"{where}: identifier {members.Identifier}, whole {whole.Identifier}");
        Assert.True(whole.Ports.Equals(members.Ports), $"{where}: ports differ");
        Assert.True(whole.Endpoints.Equals(members.Endpoints), $"{where}: endpoints differ");
        Assert.True((whole.Connection is not null) == members.HasConnection, $"{where}: connection {members.HasConnection}, whole {whole.Connection is not null}");
    }
}
