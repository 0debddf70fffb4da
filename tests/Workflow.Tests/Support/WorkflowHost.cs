using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneThing.SigningApi.Persistence;

namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// One running instance of the service. Several instances may share one data folder (same SQLite
/// database, store and PKI) or one PostgreSQL database, like two processes of one deployment.
/// Its log goes to <see cref="Log"/> (shared with another instance when one is given).
/// </summary>
public sealed class WorkflowHost(string dataDirectory, IReadOnlyDictionary<string, string?> settings, HostLog? log = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    public HostLog Log { get; } = log ?? new HostLog();

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "onething-workflow-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OneThing:DataDirectory", DataDirectory);
        builder.UseSetting("OneThing:PublicBaseUrl", "http://localhost");
        builder.UseSetting("OneThing:Access:ChecksPerWindow", "100000");
        builder.UseSetting("OneThing:Workflow:Registry:Delay", "00:00:00.300");
        builder.UseSetting("OneThing:Workflow:Bank:Delay", "00:00:00.300");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
    }

    /// <summary>
    /// Starts the instance and waits until its bus is connected with every receive endpoint bound.
    /// The host does not wait for the bus when it starts, and a message published to an exchange
    /// before the consumer's queue is bound to it is dropped by the broker.
    /// </summary>
    public async Task WaitForBusAsync(TimeSpan timeout)
    {
        var status = await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, timeout);
        if (status != BusHealthStatus.Healthy)
            throw new Xunit.Sdk.XunitException($"the bus was {status} after {timeout}. The service's recent log:{Environment.NewLine}{Log.Tail(80)}");
    }

    /// <summary>A fresh database context of this instance (for assertions and tampering).</summary>
    public async Task<T> WithDbAsync<T>(Func<SigningDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SigningDbContext>());
    }
}
