using System.Linq;

namespace ComposeGen.Emit;

/// <summary>
/// <c>AddComposeConnectionStrings()</c> and <c>AddComposeEndpoints()</c> for apps that use
/// Microsoft.Extensions.Configuration, with .NET Aspire's keys, so that <c>GetConnectionString("db")</c>
/// and service discovery find compose services unchanged. Values are computed when the configuration
/// is built (run time), through a provider of our own: no dependency on a particular package version's
/// in-memory source.
/// </summary>
internal static class ConfigurationEmitter
{
    private const string Configuration = "global::Microsoft.Extensions.Configuration";

    public static void Write(IndentedWriter w, ApiProject project, string root)
    {
        w.Summary("Adds the compose project's connection strings and endpoints to an app's configuration.");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"ComposeGen\", \"1.0.0\")]");
        using (w.Open("internal static class ComposeConfigurationExtensions"))
        {
            w.Summary("Adds <c>ConnectionStrings:&lt;service&gt;</c> for every service with a recognised image (the key .NET Aspire uses), for the current <c>Compose.Context</c>. A service whose connection string cannot be resolved here (an unpublished port on the host) is left out.");
            using (w.Open($"public static {Configuration}.IConfigurationBuilder AddComposeConnectionStrings(this {Configuration}.IConfigurationBuilder builder)"))
            {
                w.Line("return builder.Add(new ComposeConfigurationSource(values =>");
                w.Line("{");
                foreach (var service in project.Services.Where(s => s.Connection is not null))
                    w.Line($"    TryAdd(values, {CSharp.String("ConnectionStrings:" + service.Key)}, () => {root}.Services.{service.Identifier}.ConnectionString);");
                w.Line("}));");
            }

            w.Gap();
            w.Summary("Adds <c>services:&lt;service&gt;:&lt;scheme&gt;:0</c> for every endpoint with a URI scheme (the keys of Microsoft.Extensions.ServiceDiscovery), e.g. <c>services:api:http:0 = http://api:8080</c>, for the current <c>Compose.Context</c>.");
            using (w.Open($"public static {Configuration}.IConfigurationBuilder AddComposeEndpoints(this {Configuration}.IConfigurationBuilder builder)"))
            {
                w.Line("return builder.Add(new ComposeConfigurationSource(values =>");
                w.Line("{");
                foreach (var service in project.Services)
                {
                    foreach (var group in service.Endpoints.Where(e => e.Scheme is "http" or "https").GroupBy(e => e.Scheme))
                    {
                        var index = 0;
                        foreach (var endpoint in group)
                        {
                            var key = $"services:{service.Key}:{group.Key}:{index++}";
                            w.Line($"    TryAdd(values, {CSharp.String(key)}, () => {root}.Services.{service.Identifier}.Endpoints.{endpoint.Identifier}.ToUri({CSharp.String(group.Key!)}).GetLeftPart(global::System.UriPartial.Authority));");
                        }
                    }
                }

                w.Line("}));");
            }

            w.Gap();
            using (w.Open("private static void TryAdd(global::System.Collections.Generic.IDictionary<string, string> values, string key, global::System.Func<string> value)"))
            {
                using (w.Open("try"))
                    w.Line("values[key] = value();");
                using (w.Open("catch (global::System.InvalidOperationException)"))
                    w.Line("// Not reachable from this context (e.g. an unpublished port on the host): leave the key unset.");
            }

            w.Gap();
            using (w.Open($"private sealed class ComposeConfigurationSource : {Configuration}.IConfigurationSource"))
            {
                w.Line("private readonly global::System.Action<global::System.Collections.Generic.IDictionary<string, string>> _fill;");
                w.Gap();
                w.Line("public ComposeConfigurationSource(global::System.Action<global::System.Collections.Generic.IDictionary<string, string>> fill) => _fill = fill;");
                w.Gap();
                w.Line($"public {Configuration}.IConfigurationProvider Build({Configuration}.IConfigurationBuilder builder) => new ComposeConfigurationProvider(_fill);");
            }

            w.Gap();
            using (w.Open($"private sealed class ComposeConfigurationProvider : {Configuration}.ConfigurationProvider"))
            {
                w.Line("private readonly global::System.Action<global::System.Collections.Generic.IDictionary<string, string>> _fill;");
                w.Gap();
                w.Line("public ComposeConfigurationProvider(global::System.Action<global::System.Collections.Generic.IDictionary<string, string>> fill) => _fill = fill;");
                w.Gap();
                using (w.Open("public override void Load()"))
                {
                    w.Line("var values = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.OrdinalIgnoreCase);");
                    w.Line("_fill(values);");
                    w.Line("foreach (var pair in values)");
                    w.Line("    Set(pair.Key, pair.Value);");
                }
            }
        }
    }
}
