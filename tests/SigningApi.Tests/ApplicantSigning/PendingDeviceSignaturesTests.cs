using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Problems;

namespace OneThing.SigningApi.Tests.ApplicantSigning;

/// <summary>
/// Prepared two-phase signatures hold whole prepared documents in memory: a party keeps at most one,
/// they expire with their window, and together they never take more than the configured memory.
/// A state's certificate is revoked when the state is replaced (superseded) or expires (cessationOfOperation).
/// </summary>
public sealed class PendingDeviceSignaturesTests : IDisposable
{
    private readonly OneThing.Seal.Pki.ProductPki _pki = OneThing.Seal.Pki.ProductPki.CreateInMemory();

    public void Dispose() => _pki.Dispose();

    private static readonly Guid Case = Guid.NewGuid();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Preparing_again_voids_the_partys_earlier_state()
    {
        var pending = Pending(memoryBytes: 10 * 1024 * 1024);
        var party = Guid.NewGuid();
        var firstState = State(party, 1000);
        var first = pending.Add(firstState);
        var secondState = State(party, 1000);
        var second = pending.Add(secondState);

        Assert.Null(pending.Find(first));
        Assert.NotNull(pending.Find(second));
        Assert.Equal(OneThing.Seal.Pki.Revocation.RevocationReason.Superseded, _pki.FindIssued(firstState.Certificate.SerialNumber)!.Reason);
        Assert.False(_pki.FindIssued(secondState.Certificate.SerialNumber)!.IsRevoked);
    }

    [Fact]
    public void A_state_is_gone_once_its_window_has_passed()
    {
        var pending = Pending(memoryBytes: 10 * 1024 * 1024);
        var state = State(Guid.NewGuid(), 1000);
        var id = pending.Add(state);
        _time.Advance(TimeSpan.FromMinutes(11));

        Assert.Null(pending.Find(id));
        pending.SweepExpired();
        Assert.Equal(OneThing.Seal.Pki.Revocation.RevocationReason.CessationOfOperation, _pki.FindIssued(state.Certificate.SerialNumber)!.Reason);
    }

    [Fact]
    public void Beyond_the_memory_budget_prepare_is_refused_until_states_complete_or_expire()
    {
        var pending = Pending(memoryBytes: 2 * 1024 * 1024);
        var a = pending.Add(State(Guid.NewGuid(), 900 * 1024));
        pending.Add(State(Guid.NewGuid(), 900 * 1024));

        var refused = Assert.Throws<ApiProblemException>(() => pending.Add(State(Guid.NewGuid(), 900 * 1024)));
        Assert.Equal(503, refused.Status);
        Assert.Equal("signing-busy", refused.Code);

        pending.Remove(a);
        Assert.NotNull(pending.Find(pending.Add(State(Guid.NewGuid(), 900 * 1024))));
        _time.Advance(TimeSpan.FromMinutes(11));
        // Expired states are swept before the budget is checked.
        pending.Add(State(Guid.NewGuid(), 1800 * 1024));
    }

    private PendingDeviceSignatures Pending(long memoryBytes) =>
        new(_time, Options.Create(new ApplicantSigningOptions { DeviceSigningMemoryBytes = memoryBytes }), _pki,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PendingDeviceSignatures>.Instance);

    /// <summary>Each state with its own certificate from the PKI, as prepare issues one per state.</summary>
    private PendingDeviceSignature State(Guid party, int bytesPerDocument) =>
        new(Case, party, _pki.IssueSignerCertificate("王建国", "510603198804123574", DevicePublicKey()), _time.GetUtcNow().AddMinutes(10),
            [new PreparedDocument("loan-contract", 1, "00", new byte[bytesPerDocument])]);

    private static Org.BouncyCastle.Crypto.AsymmetricKeyParameter DevicePublicKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Org.BouncyCastle.Security.PublicKeyFactory.CreateKey(key.ExportSubjectPublicKeyInfo());
    }


}
