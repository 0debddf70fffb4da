namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// The `dotnet publish` output of the service the cluster tests run, as operators install it: the folder
/// test.sh publishes (ONETHING_CLUSTER_APP), or one published here once for the whole collection.
/// </summary>
public sealed class PublishedService : IAsyncLifetime
{
    public string Folder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable("ONETHING_CLUSTER_APP");
        if (!string.IsNullOrEmpty(given) && File.Exists(Path.Combine(given, "OneThing.SigningApi.dll")))
        {
            Folder = given;
            return;
        }
        Folder = Path.Combine(Path.GetTempPath(), "onething-cluster-tests", "app-" + Guid.NewGuid().ToString("N")[..8]);
        var result = await Tool.RunAsync("dotnet", ["publish", Path.Combine(Driver.RepositoryRoot(), "src", "SigningApi", "SigningApi.csproj"), "-c", "Release", "-o", Folder, "-nologo", "-v", "quiet"],
            timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0) throw new Xunit.Sdk.XunitException($"dotnet publish failed: {result.Output}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>The cluster tests share one publish and run one after another: each starts its own cluster on this machine's two cores.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PublishedService>
{
    public const string Name = "cluster";
}
