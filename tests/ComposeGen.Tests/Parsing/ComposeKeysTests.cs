using System.Reflection;
using System.Text.Json;

namespace ComposeGen.Tests.Parsing;

/// <summary>The known-key lists behind CG1003 must stay in step with the published compose-spec.json.</summary>
public class ComposeKeysTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine("Corpus", "compose-spec.json"))).RootElement;

    private static JsonElement Definition(string name) => Schema.GetProperty("definitions").GetProperty(name);

    private static IEnumerable<string> Properties(JsonElement element) => element.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    public static TheoryData<string, string[]> Sections()
    {
        var service = Definition("service").GetProperty("properties");
        var volumeLong = service.GetProperty("volumes").GetProperty("items").GetProperty("oneOf")[1];
        return new TheoryData<string, string[]>
        {
            { "TopLevel", Properties(Schema).ToArray() },
            { "Service", Properties(Definition("service")).ToArray() },
            { "Build", Properties(service.GetProperty("build").GetProperty("oneOf")[1]).ToArray() },
            { "Network", Properties(Definition("network")).ToArray() },
            { "Volume", Properties(Definition("volume")).ToArray() },
            { "Secret", Properties(Definition("secret")).ToArray() },
            { "Config", Properties(Definition("config")).ToArray() },
            { "Healthcheck", Properties(Definition("healthcheck")).ToArray() },
            { "Deploy", Properties(Definition("deployment")).ToArray() },
            { "PortLong", Properties(service.GetProperty("ports").GetProperty("items").GetProperty("oneOf")[2]).ToArray() },
            { "VolumeLong", Properties(volumeLong).ToArray() },
            { "Extends", Properties(service.GetProperty("extends").GetProperty("oneOf")[1]).ToArray() },
            { "FileObjectReference", Properties(Definition("service_config_or_secret").GetProperty("items").GetProperty("oneOf")[1]).ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_key_the_schema_allows_is_known(string section, string[] schemaKeys)
    {
        var known = (HashSet<string>)typeof(ComposeGen.Model.ComposeProject).Assembly
            .GetType("ComposeGen.Parsing.Building.ComposeKeys")!
            .GetField(section, BindingFlags.Public | BindingFlags.Static)!
            .GetValue(null)!;
        Assert.Empty(schemaKeys.Except(known));
    }
}
