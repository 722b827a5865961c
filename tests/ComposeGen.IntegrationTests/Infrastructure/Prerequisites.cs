namespace ComposeGen.IntegrationTests.Infrastructure;

/// <summary>
/// A server program the tests need and cannot find: the test says what to install and is skipped, except under
/// <c>CI=true</c>, where it fails, so that CI can never pass without having run the integration tests.
/// </summary>
internal static class Prerequisites
{
    /// <summary><c>CI=true</c> (any case), as CI sets it.</summary>
    public static bool IsCi => IsTrue(Environment.GetEnvironmentVariable("CI"));

    public static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The message for a missing server: what is missing and the exact command that installs it.</summary>
    public static string MissingMessage(string product, string lookedFor, string debianPackage)
        => $"{product} is not installed ({lookedFor} not found). Install it with: apt-get install -y {debianPackage} "
           + "(with sudo when not root; .ci/run installs it).";

    /// <summary>
    /// Does nothing when <paramref name="missing"/> is null; otherwise skips the current test (a
    /// <c>[SkippableFact]</c>) with that message, or, when <paramref name="ci"/>, fails it.
    /// </summary>
    public static void Require(string? missing, bool ci)
    {
        if (missing is null)
            return;
        if (ci)
            throw new ServerMissingException("CI=true, so this test fails instead of being skipped: " + missing);
        Skip.If(true, missing);
    }

    /// <summary>The first of <paramref name="candidates"/> (absolute paths, or names looked up on PATH and in the sbin directories) that exists.</summary>
    public static string? Find(params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Path.IsPathRooted(candidate))
            {
                if (File.Exists(candidate))
                    return candidate;
                continue;
            }

            var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Concat(new[] { "/usr/local/sbin", "/usr/sbin", "/sbin" });
            foreach (var directory in path)
            {
                var file = Path.Combine(directory, candidate);
                if (File.Exists(file))
                    return file;
            }
        }

        return null;
    }
}

/// <summary>A server program is missing on a CI run.</summary>
public sealed class ServerMissingException : Exception
{
    public ServerMissingException(string message)
        : base(message)
    {
    }
}
