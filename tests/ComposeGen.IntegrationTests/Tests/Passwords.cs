namespace ComposeGen.IntegrationTests.Tests;

/// <summary>Guards that the compose file's passwords stay hard: a round trip with them proves the escaping.</summary>
internal static class Passwords
{
    /// <summary>What a connection-string format has to escape: <c>; @ : / = ' "</c> and a blank (and, here, non-ASCII).</summary>
    /// <remarks>The message does not show the password: it may come from the environment (which overrides .env).</remarks>
    public static void AssertNeedsEscaping(string password)
    {
        foreach (var c in ";@:/='\" é")
        {
            Assert.True(password.Contains(c),
                $"A test password should contain '{c}' so that the round trip proves it is escaped; this one does not "
                + "(is its variable set in the environment? That overrides Compose/.env).");
        }
    }

    /// <summary>A value for the round trip that needs escaping in SQL and in transit, different on every run.</summary>
    public static string Payload() => "ComposeGen round trip " + Guid.NewGuid().ToString("N") + " ; @ : / = ' \" é €";
}
