namespace ComposeGen.IntegrationTests.Infrastructure;

/// <summary>A server started by a fixture.</summary>
internal interface IServer
{
    /// <summary>The compose service it stands in for.</summary>
    string Service { get; }

    /// <summary>Stops it gracefully, with a deadline, then by force; never throws for a server that is already gone.</summary>
    Task StopAsync();
}
