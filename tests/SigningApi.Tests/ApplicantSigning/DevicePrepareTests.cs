using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.SigningApi.Tests.Support;
using OneThing.SigningApi.Tests.TrustServices;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Tests.ApplicantSigning;

/// <summary>
/// Each two-phase prepare issues a certificate binding the applicant's name and ID number to a device
/// key. So: the caller must prove they hold that key (a signed server challenge); the certificate lives
/// no longer than the signing window; one that is replaced, expires or is abandoned is revoked, which
/// openssl reads back from the service's OCSP responder; and a party may prepare only a few times.
/// </summary>
public sealed class DevicePrepareTests(DevicePrepareTests.Factory factory) : IClassFixture<DevicePrepareTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["OneThing:Signing:DeviceSigningWindow"] = "00:05:00" };
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Prepare_issues_no_certificate_without_the_device_key_s_signature_over_a_fresh_server_challenge()
    {
        var (borrower, caseId) = await ReadyBorrowerAsync();
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = Convert.ToBase64String(device.ExportSubjectPublicKeyInfo());
        var prepare = $"/api/v1/cases/{caseId}/signing/prepare";

        // A public key alone (anyone's, e.g. copied from another certificate) gets nothing.
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync(prepare, new { publicKey }), HttpStatusCode.BadRequest, "invalid-proof-of-possession");
        // The challenge signed by another key than the one to certify.
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync(prepare, await DeviceKeyProof.PrepareBodyAsync(borrower, caseId, device, prover: stranger)), HttpStatusCode.BadRequest, "invalid-proof-of-possession");
        // A challenge the server did not issue, properly signed.
        var forged = "v1.9999999999.AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync(prepare, new { publicKey, challenge = forged, proof = DeviceKeyProof.Sign(device, forged) }), HttpStatusCode.BadRequest, "invalid-proof-of-possession");

        // The device's own signature over a fresh challenge, DER-encoded this time, is accepted.
        var challenge = await DeviceKeyProof.ChallengeAsync(borrower, caseId);
        var ok = await borrower.PostAsJsonAsync(prepare, new { publicKey, challenge, proof = DeviceKeyProof.Sign(device, challenge, DSASignatureFormat.Rfc3279DerSequence) });
        await ApiDriver.EnsureAsync(ok, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_prepared_certificate_is_valid_no_longer_than_the_signing_window()
    {
        var (borrower, caseId) = await ReadyBorrowerAsync();
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var before = DateTime.UtcNow;
        var prepared = await PrepareAsync(borrower, caseId, device);
        var certificate = Certificate(prepared);
        Assert.True(certificate.NotAfter <= before.AddMinutes(5).AddSeconds(5), $"notAfter {certificate.NotAfter:O} is past the 5-minute window");
        Assert.True(DateTimeOffset.Parse(prepared["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) <= certificate.NotAfter.ToUniversalTime().AddSeconds(1));
    }

    [Fact]
    public async Task Preparing_again_revokes_the_replaced_certificate_as_superseded_and_signing_otherwise_revokes_the_abandoned_one()
    {
        var (borrower, caseId) = await ReadyBorrowerAsync();
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var first = Certificate(await PrepareAsync(borrower, caseId, device));
        var second = Certificate(await PrepareAsync(borrower, caseId, device));

        using var openssl = new OpenSsl();
        var firstStatus = await OcspStatusAsync(openssl, first, "first");
        Assert.Contains(": revoked", firstStatus);
        Assert.Contains("Reason: superseded", firstStatus);
        Assert.Contains(": good", await OcspStatusAsync(openssl, second, "second"));

        // The borrower signs on the server instead: the device state is abandoned and its certificate revoked.
        await ApiDriver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
        var abandoned = await OcspStatusAsync(openssl, second, "abandoned");
        Assert.Contains(": revoked", abandoned);
        Assert.Contains("Reason: cessationOfOperation", abandoned);
    }

    [Fact]
    public async Task A_party_may_prepare_five_times_in_ten_minutes_then_gets_429_while_another_party_still_may()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", "13881012345");
        await _api.PrepareToSignAsync(borrower, caseId);
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        for (var i = 0; i < 5; i++) await PrepareAsync(borrower, caseId, device);

        var refused = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(borrower, caseId, device));
        await ApiDriver.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", "13990267788");
        await _api.PrepareToSignAsync(coBorrower, caseId);
        await PrepareAsync(coBorrower, caseId, device);
    }

    private async Task<(HttpClient Borrower, string CaseId)> ReadyBorrowerAsync()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await _api.PrepareToSignAsync(borrower, caseId);
        return (borrower, caseId);
    }

    private static async Task<JsonObject> PrepareAsync(HttpClient applicant, string caseId, ECDsa device)
    {
        var response = await applicant.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(applicant, caseId, device));
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static X509Certificate Certificate(JsonObject prepared) => new(Convert.FromBase64String(prepared["certificate"]!.GetValue<string>()));

    /// <summary>openssl builds the OCSP request and reads the service's answer (its text names the status and reason).</summary>
    internal async Task<string> OcspStatusAsync(OpenSsl openssl, X509Certificate certificate, string name)
    {
        var issuer = openssl.CertificatePem("issuing", factory.Pki.IssuingCa.Certificate.GetEncoded());
        var cert = openssl.CertificatePem(name, certificate.GetEncoded());
        openssl.Succeed("ocsp", "-issuer", issuer, "-cert", cert, "-no_nonce", "-reqout", openssl.File($"{name}.req"));
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(openssl.File($"{name}.req")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        var response = await _api.Anonymous().PostAsync("/pki/ocsp", content);
        var answer = openssl.Write($"{name}.resp", await response.Content.ReadAsByteArrayAsync());
        return openssl.Succeed("ocsp", "-respin", answer, "-issuer", issuer, "-cert", cert, "-noverify");
    }
}

/// <summary>A prepared state left to expire: its certificate is revoked as cessationOfOperation when the state is swept.</summary>
public sealed class DevicePrepareExpiryTests(DevicePrepareExpiryTests.Factory factory) : IClassFixture<DevicePrepareExpiryTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["OneThing:Signing:DeviceSigningWindow"] = "00:00:02" };
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task An_expired_prepared_state_has_its_certificate_revoked_as_cessation_of_operation()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await _api.PrepareToSignAsync(borrower, caseId);
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var response = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(borrower, caseId, device));
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        var certificate = new X509Certificate(Convert.FromBase64String((await response.Content.ReadFromJsonAsync<JsonObject>())!["certificate"]!.GetValue<string>()));
        Assert.False(factory.Pki.FindIssued(certificate.SerialNumber)!.IsRevoked);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        // What the background sweeper does every half minute.
        await factory.Services.GetRequiredService<PendingDeviceSignatures>().SweepExpiredAsync(CancellationToken.None);

        using var openssl = new OpenSsl();
        var issuer = openssl.CertificatePem("issuing", factory.Pki.IssuingCa.Certificate.GetEncoded());
        var cert = openssl.CertificatePem("expired", certificate.GetEncoded());
        openssl.Succeed("ocsp", "-issuer", issuer, "-cert", cert, "-no_nonce", "-reqout", openssl.File("expired.req"));
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(openssl.File("expired.req")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        var answer = openssl.Write("expired.resp", await (await _api.Anonymous().PostAsync("/pki/ocsp", content)).Content.ReadAsByteArrayAsync());
        var status = openssl.Succeed("ocsp", "-respin", answer, "-issuer", issuer, "-cert", cert, "-noverify");
        Assert.Contains(": revoked", status);
        Assert.Contains("Reason: cessationOfOperation", status);
    }
}
