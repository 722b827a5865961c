using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Diagnostics;
using ComposeGen.Emit;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// CG4003: a Node.js service bind-mounts its app directory over the one in the container and puts no
/// volume on <c>&lt;dir&gt;/node_modules</c>, so the bind mount hides the modules installed in the image
/// (or hands the container the host's, built for another OS). The usual fix is an anonymous volume
/// (<c>- /app/node_modules</c>).
/// <para>
/// Kept precise: the service must be Node.js (image repository <c>node</c> or <c>*/node</c>, or a command or
/// entrypoint that runs npm, npx, yarn, pnpm, node, nodemon or bun), and the bind mount must be of the app
/// directory: its source is the project directory (<c>.</c>, <c>..</c>) or the build context, or its target
/// is a conventional app directory (/app, /usr/src/app, /home/node/app, ...). A bind of <c>./src</c> on
/// <c>/app/src</c> hides nothing and stays silent. Any mount on <c>&lt;dir&gt;/node_modules</c> (an anonymous or
/// named volume, even a bind of the host's node_modules on purpose) silences it. Located on the bind mount.
/// </para>
/// </summary>
public sealed class NodeModulesShadowRule : IComposeRule
{
    private static readonly string[] NodeCommands = { "npm", "npx", "yarn", "pnpm", "node", "nodemon", "bun", "bunx" };

    private static readonly string[] AppDirectories =
    {
        "/app", "/usr/src/app", "/usr/app", "/home/node/app", "/home/app", "/opt/app", "/srv/app", "/src", "/code", "/workspace", "/project",
    };

    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.NodeModulesShadowed };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var service in project.Services)
        {
            if (!IsNode(service))
                continue;
            var mounts = Mounts.Of(service);
            var targets = new HashSet<string>(mounts.Select(m => m.Target), StringComparer.Ordinal);
            foreach (var mount in mounts)
            {
                if (mount is not { Kind: MountKind.Bind, Volume: { Source: { } source } } || !IsAppDirectory(service, source, mount.Target))
                    continue;
                var modules = mount.Target == "/" ? "/node_modules" : mount.Target + "/node_modules";
                if (targets.Contains(modules))
                    continue;
                problems.Add(new ComposeProblem(
                    DiagnosticIds.NodeModulesShadowed,
                    ProblemSeverity.Info,
                    $"service '{service.Name}' bind-mounts '{source}' on {mount.Target} with no volume on {modules}: the bind mount hides the node_modules installed in the image "
                    + $"(or hands the container the host's, built for another OS); add an anonymous volume '{modules}' to the service's volumes",
                    mount.Span));
            }
        }

        return problems;
    }

    private static bool IsNode(Service service)
    {
        if (ImageFamilies.Repository(service.Image?.Value) is { } repository && (repository == "node" || repository.EndsWith("/node", StringComparison.Ordinal)))
            return true;
        return CommandTokens.Of(service.Command).Concat(CommandTokens.Of(service.Entrypoint)).Any(token => NodeCommands.Contains(LastSegment(token)));
    }

    private static string LastSegment(string token)
    {
        var slash = token.LastIndexOf('/');
        return slash >= 0 ? token.Substring(slash + 1) : token;
    }

    private static bool IsAppDirectory(Service service, string source, string target)
    {
        var normal = NormalizeHostPath(source);
        if (LooksLikeFile(normal))
            return false;
        if (normal is "." or "..")
            return true;
        if (service.Build?.Context is { } context && NormalizeHostPath(context.Value) == normal)
            return true;
        return AppDirectories.Contains(target);
    }

    /// <summary><c>./web/</c> → <c>web</c>, <c>./</c> → <c>.</c>: enough to compare a bind source with a build context.</summary>
    private static string NormalizeHostPath(string path)
    {
        var text = path.Trim().Replace('\\', '/');
        while (text.Length > 1 && text.EndsWith("/", StringComparison.Ordinal))
            text = text.Substring(0, text.Length - 1);
        while (text.StartsWith("./", StringComparison.Ordinal) && text.Length > 2)
            text = text.Substring(2);
        return text.Length == 0 || text == "./" ? "." : text;
    }

    /// <summary>A last segment with an extension (<c>package.json</c>, <c>nginx.conf</c>) is a file, not an app directory.</summary>
    private static bool LooksLikeFile(string path)
    {
        var segment = path.Substring(path.LastIndexOf('/') + 1);
        return segment.Length > 1 && segment != ".." && segment.IndexOf('.', 1) > 0;
    }
}
