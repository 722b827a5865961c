using System.Reflection;

namespace ComposeGen.Tests.Generator;

/// <summary>
/// Compares text with a committed expected file (<c>Snapshots/NAME.verified.cs</c>). On a mismatch it
/// writes <c>NAME.received.cs</c> beside it and fails; set <c>COMPOSEGEN_ACCEPT_SNAPSHOTS=1</c> to accept
/// the new output instead. (The Verify library is not available here; this is its core idea.)
/// </summary>
internal static class Snapshot
{
    private static readonly string SnapshotDirectory = Path.Combine(
        typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ComposeGen.TestProjectDirectory").Value!,
        "Generator",
        "Snapshots");

    public static void Match(string name, string actual)
    {
        var directory = SnapshotDirectory;
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable("COMPOSEGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified} yet. Wrote {received}; review it and run with COMPOSEGEN_ACCEPT_SNAPSHOTS=1 to accept."
            : $"Generated code differs from {verified}. Wrote {received}; diff them, and run with COMPOSEGEN_ACCEPT_SNAPSHOTS=1 if the change is intended.");
    }
}
