using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Core;

/// <summary>The database fails (as in a PostgreSQL restart) when a request that has done its work stores its answer, once.</summary>
public sealed class SettleOutageFactory : SigningApiFactory
{
    public FailOneSettle Outage { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // The pooled context's options are built once from this registration: the interceptor joins them there.
            var registered = services.Last(d => d.ServiceType == typeof(DbContextOptions<SqliteSigningDbContext>));
            services.Remove(registered);
            services.Add(new ServiceDescriptor(typeof(DbContextOptions<SqliteSigningDbContext>), sp =>
            {
                var options = (DbContextOptions<SqliteSigningDbContext>)(registered.ImplementationFactory?.Invoke(sp) ?? registered.ImplementationInstance!);
                return new DbContextOptionsBuilder<SqliteSigningDbContext>(options).AddInterceptors(Outage).Options;
            }, registered.Lifetime));
        });
    }
}

/// <summary>
/// Fails the first save that stores an idempotency key's answer with the transient error Npgsql raises for a
/// connection the server dropped; every other save goes through.
/// </summary>
public sealed class FailOneSettle : SaveChangesInterceptor
{
    private int _armed;
    private int _fired;

    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>Whether the armed failure was raised (the test is about nothing otherwise).</summary>
    public bool Fired => Volatile.Read(ref _fired) == 1;

    // SQLite saves run synchronously on the service's single-writer queue; PostgreSQL's asynchronously.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        FailIfArmed(eventData);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        FailIfArmed(eventData);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void FailIfArmed(DbContextEventData eventData)
    {
        var settling = eventData.Context!.ChangeTracker.Entries<IdempotencyRecord>().Any(e => e.State == EntityState.Modified && e.Entity.StatusCode is not null);
        if (settling && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Volatile.Write(ref _fired, 1);
            throw new Npgsql.NpgsqlException("Exception while reading from stream (injected: the server restarted)", new IOException("connection reset"));
        }
    }
}

public sealed class IdempotencySettleTests(SettleOutageFactory factory) : IClassFixture<SettleOutageFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_request_whose_answer_meets_a_database_restart_still_answers_and_its_retry_is_replayed_not_run_again()
    {
        var approval = await _api.AsAsync("approval-system");
        var intake = ApiDriver.Intake(ApiDriver.SampleCase());
        var key = Guid.NewGuid().ToString();

        factory.Outage.Arm();
        var first = await SendAsync(approval, intake, key);
        await ApiDriver.EnsureAsync(first, HttpStatusCode.Created);
        Assert.True(factory.Outage.Fired);

        // The answer was stored after all: the client's retry gets it again, marked as a replay.
        var retry = await SendAsync(approval, intake, key);
        await ApiDriver.EnsureAsync(retry, HttpStatusCode.Created);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
