using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.ApplicantSigning;

/// <summary>
/// Prepared two-phase signatures hold whole prepared documents in the shared database: a party keeps
/// at most one, they expire with their window, together they never take more than the configured
/// space, and a state prepared through one instance is found through another. A state's certificate
/// is revoked when the state is replaced (superseded), expires, is refused or is abandoned (cessationOfOperation).
/// </summary>
public sealed class PendingDeviceSignaturesTests : IDisposable
{
    private static readonly Guid Case = Guid.NewGuid();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly List<IDisposable> _hosts = [];
    private ProductPki? _pki;

    /// <summary>The PKI of the first service instance: the one that revokes, so states' certificates come from it.</summary>
    private ProductPki Pki => _pki ?? throw new InvalidOperationException("Open an instance first.");

    [Fact]
    public async Task Preparing_again_voids_the_partys_earlier_state_and_revokes_its_certificate_as_superseded()
    {
        var pending = Pending(memoryBytes: 10 * 1024 * 1024);
        var party = Guid.NewGuid();
        var firstState = State(party, 1000);
        var first = await pending.AddAsync(firstState, default);
        var secondState = State(party, 1000);
        var second = await pending.AddAsync(secondState, default);

        Assert.Null(await pending.FindAsync(first, default));
        Assert.NotNull(await pending.FindAsync(second, default));
        Assert.Equal(RevocationReason.Superseded, Pki.FindIssued(firstState.Certificate.SerialNumber)!.Reason);
        Assert.False(Pki.FindIssued(secondState.Certificate.SerialNumber)!.IsRevoked);
    }

    [Fact]
    public async Task A_state_prepared_through_one_instance_is_found_whole_through_another_on_the_same_database()
    {
        var data = Path.Combine(Path.GetTempPath(), "onething-api-tests", Guid.NewGuid().ToString("N"));
        var one = Pending(memoryBytes: 10 * 1024 * 1024, data);
        var other = Pending(memoryBytes: 10 * 1024 * 1024, data);
        var state = State(Guid.NewGuid(), 1000);

        var id = await one.AddAsync(state, default);
        var found = await other.FindAsync(id, default);

        Assert.NotNull(found);
        Assert.Equal(state.Certificate, found.Certificate);
        Assert.Equal(state.Documents[0].State, found.Documents[0].State);
        Assert.Equal((state.Documents[0].Kind, state.Documents[0].Revision, state.Documents[0].Sha256), (found.Documents[0].Kind, found.Documents[0].Revision, found.Documents[0].Sha256));
        await other.RemoveAsync(id, default);
        Assert.Null(await one.FindAsync(id, default));
    }

    [Fact]
    public async Task A_state_is_gone_once_its_window_has_passed_and_the_sweep_revokes_its_certificate()
    {
        var pending = Pending(memoryBytes: 10 * 1024 * 1024);
        var state = State(Guid.NewGuid(), 1000);
        var id = await pending.AddAsync(state, default);
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(await pending.FindAsync(id, default));
        await pending.SweepExpiredAsync(default);
        Assert.Equal(RevocationReason.CessationOfOperation, Pki.FindIssued(state.Certificate.SerialNumber)!.Reason);
    }

    [Fact]
    public async Task An_abandoned_state_is_gone_and_its_certificate_revoked_while_a_completed_ones_stays_valid()
    {
        var pending = Pending(memoryBytes: 10 * 1024 * 1024);
        var abandoned = State(Guid.NewGuid(), 1000);
        var abandonedId = await pending.AddAsync(abandoned, default);
        var completed = State(Guid.NewGuid(), 1000);
        await pending.RemoveAsync(await pending.AddAsync(completed, default), default);

        await pending.AbandonAsync(abandoned.CaseId, abandoned.PartyId, default);

        Assert.Null(await pending.FindAsync(abandonedId, default));
        Assert.Equal(RevocationReason.CessationOfOperation, Pki.FindIssued(abandoned.Certificate.SerialNumber)!.Reason);
        Assert.False(Pki.FindIssued(completed.Certificate.SerialNumber)!.IsRevoked);
    }

    [Fact]
    public async Task Beyond_the_memory_budget_prepare_is_refused_until_states_complete_or_expire()
    {
        var pending = Pending(memoryBytes: 2 * 1024 * 1024);
        var a = await pending.AddAsync(State(Guid.NewGuid(), 900 * 1024), default);
        await pending.AddAsync(State(Guid.NewGuid(), 900 * 1024), default);

        var refusedState = State(Guid.NewGuid(), 900 * 1024);
        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => pending.AddAsync(refusedState, default));
        Assert.Equal(503, refused.Status);
        Assert.Equal("signing-busy", refused.Code);
        Assert.Equal(RevocationReason.CessationOfOperation, Pki.FindIssued(refusedState.Certificate.SerialNumber)!.Reason);

        await pending.RemoveAsync(a, default);
        Assert.NotNull(await pending.FindAsync(await pending.AddAsync(State(Guid.NewGuid(), 900 * 1024), default), default));
        _time.Advance(TimeSpan.FromMinutes(11));
        // Expired states are swept before the budget is checked.
        await pending.AddAsync(State(Guid.NewGuid(), 1800 * 1024), default);
    }

    /// <summary>The service's own instance (embedded SQLite in <paramref name="data"/>), on the test's clock.</summary>
    private PendingDeviceSignatures Pending(long memoryBytes, string? data = null)
    {
        var host = new Host(_time, memoryBytes, data);
        _hosts.Add(host);
        _pki ??= host.Services.GetRequiredService<ProductPki>();
        return host.Services.GetRequiredService<PendingDeviceSignatures>();
    }

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
    }

    private sealed class Host(TimeProvider time, long memoryBytes, string? data) : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Signing:DeviceSigningMemoryBytes"] = memoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (data is not null) builder.UseSetting("OneThing:DataDirectory", data);
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton(time);
                // The tests sweep themselves; the background sweeper on the same fake clock would race them.
                foreach (var sweeper in s.Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType?.Name == "PendingDeviceSignatureSweeper").ToList())
                    s.Remove(sweeper);
            });
        }
    }

    /// <summary>Each state with its own certificate from the PKI, as prepare issues one per state.</summary>
    private PendingDeviceSignature State(Guid party, int bytesPerDocument) =>
        new(Case, party, Pki.IssueSignerCertificate("王建国", "510603198804123574", DevicePublicKey()), _time.GetUtcNow().AddMinutes(10),
            [new PreparedDocument("loan-contract", 1, "00", new byte[bytesPerDocument])]);

    private static Org.BouncyCastle.Crypto.AsymmetricKeyParameter DevicePublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(key.ExportSubjectPublicKeyInfo());
    }
}
