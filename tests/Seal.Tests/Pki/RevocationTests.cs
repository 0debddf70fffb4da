using Org.BouncyCastle.Ocsp;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Pki;

/// <summary>Revoking a certificate shows up in the CRL and in OCSP, checked with OpenSSL.</summary>
public sealed class RevocationTests : IDisposable
{
    private const string IdNumber = "11010519491231002X";
    private readonly ProductPki _pki = ProductPki.CreateInMemory();
    private readonly TempDirectory _dir = new();

    private string Root => _dir.WritePem("root.pem", _pki.RootCa.Certificate);

    private string Issuing => _dir.WritePem("issuing.pem", _pki.IssuingCa.Certificate);

    [Fact]
    public void A_revoked_certificate_is_listed_on_the_issuing_cas_crl_which_openssl_verifies()
    {
        using var applicant = _pki.IssueSignerKey("张三", IdNumber);
        using var other = _pki.IssueSignerKey("李四", IdNumberFor("110105199001011"));
        var before = _dir.WriteBytes("before.crl", _pki.GetCrl("issuing-ca").GetEncoded());
        Assert.DoesNotContain(applicant.Certificate.SerialNumber.ToString(16).ToUpperInvariant(), Crl(before));

        _pki.Revoke(applicant.Certificate.SerialNumber, RevocationReason.KeyCompromise);

        var after = _dir.WriteBytes("after.crl", _pki.GetCrl("issuing-ca").GetEncoded());
        var text = Crl(after);
        Assert.Contains(applicant.Certificate.SerialNumber.ToString(16).ToUpperInvariant(), text);
        Assert.Contains("Key Compromise", text);
        Assert.DoesNotContain(other.Certificate.SerialNumber.ToString(16).ToUpperInvariant(), text);
        var verify = ExternalTool.Succeed("openssl", "crl", "-noout", "-inform", "DER", "-in", after, "-CAfile", _dir.WritePem("chain.pem", _pki.IssuingCa.Certificate, _pki.RootCa.Certificate));
        Assert.Contains("verify OK", verify);
        var check = ExternalTool.Run("openssl", "verify", "-crl_check", "-CAfile", Root, "-untrusted", Issuing,
            "-CRLfile", PemCrl(after), _dir.WritePem("applicant.pem", applicant.Certificate));
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("certificate revoked", check.All);
    }

    [Fact]
    public void Ocsp_answers_good_then_revoked_and_openssl_verifies_the_delegated_responder()
    {
        using var applicant = _pki.IssueSignerKey("张三", IdNumber);
        var leaf = _dir.WritePem("leaf.pem", applicant.Certificate);

        Assert.Contains(": good", OcspStatus(leaf));
        _pki.Revoke(applicant.Certificate.SerialNumber, RevocationReason.Superseded);
        var revoked = OcspStatus(leaf);
        Assert.Contains(": revoked", revoked);
        Assert.Contains("Reason: superseded", revoked);
    }

    [Fact]
    public void Ocsp_about_the_issuing_ca_is_signed_by_the_root_itself()
    {
        var status = OcspStatus(Issuing, issuer: Root);
        Assert.Contains(": good", status);
    }

    [Fact]
    public void Ocsp_says_unknown_for_a_serial_never_issued()
    {
        var request = new OcspReqGenerator();
        request.AddRequest(new CertificateID(CertificateID.DigestSha1, _pki.IssuingCa.Certificate, Org.BouncyCastle.Math.BigInteger.ValueOf(12345)));
        var response = new OcspResp(_pki.OcspResponder.Respond(request.Generate().GetEncoded()));
        Assert.Equal(OcspRespStatus.Successful, response.Status);
        var single = ((BasicOcspResp)response.GetResponseObject()).Responses.Single();
        Assert.IsType<UnknownStatus>(single.GetCertStatus());
    }

    [Fact]
    public void Ocsp_answers_malformed_request_to_garbage_and_unauthorized_to_foreign_issuers()
    {
        Assert.Equal(OcspRespStatus.MalformedRequest, new OcspResp(_pki.OcspResponder.Respond("garbage"u8)).Status);

        using var foreign = ProductPki.CreateInMemory();
        var request = new OcspReqGenerator();
        request.AddRequest(new CertificateID(CertificateID.DigestSha1, foreign.IssuingCa.Certificate, foreign.Seals[0].Key.Certificate.SerialNumber));
        Assert.Equal(OcspRespStatus.Unauthorized, new OcspResp(_pki.OcspResponder.Respond(request.Generate().GetEncoded())).Status);
    }

    [Fact]
    public async Task The_in_process_revocation_source_gives_ocsp_and_crl_and_nothing_for_the_root()
    {
        var seal = _pki.Seals[0].Key;
        var evidence = await _pki.RevocationSource.GetAsync(seal.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None);
        var ocsp = new OcspResp(Assert.Single(evidence.OcspResponses));
        Assert.Equal(CertificateStatus.Good, ((BasicOcspResp)ocsp.GetResponseObject()).Responses.Single().GetCertStatus());
        Assert.Single(evidence.Crls);

        var root = await _pki.RevocationSource.GetAsync(_pki.RootCa.Certificate, _pki.RootCa.Certificate, CancellationToken.None);
        Assert.Empty(root.OcspResponses);
        Assert.Empty(root.Crls);

        using var foreign = ProductPki.CreateInMemory();
        await Assert.ThrowsAsync<RevocationUnavailableException>(() =>
            _pki.RevocationSource.GetAsync(foreign.Seals[0].Key.Certificate, foreign.IssuingCa.Certificate, CancellationToken.None));
    }

    [Fact]
    public void Revoking_twice_or_an_unknown_serial_is_a_clear_error()
    {
        using var applicant = _pki.IssueSignerKey("张三", IdNumber);
        _pki.Revoke(applicant.Certificate.SerialNumber, RevocationReason.Unspecified);
        Assert.Throws<InvalidOperationException>(() => _pki.Revoke(applicant.Certificate.SerialNumber, RevocationReason.Unspecified));
        Assert.Throws<KeyNotFoundException>(() => _pki.Revoke(Org.BouncyCastle.Math.BigInteger.ValueOf(7), RevocationReason.Unspecified));
    }

    private string OcspStatus(string certificate, string? issuer = null)
    {
        issuer ??= Issuing;
        var request = _dir.File($"req-{Guid.NewGuid():N}.der");
        ExternalTool.Succeed("openssl", "ocsp", "-issuer", issuer, "-cert", certificate, "-reqout", request, "-no_nonce");
        var response = _dir.WriteBytes($"resp-{Guid.NewGuid():N}.der", _pki.OcspResponder.Respond(File.ReadAllBytes(request)));
        var output = ExternalTool.Succeed("openssl", "ocsp", "-respin", response, "-issuer", issuer, "-cert", certificate, "-CAfile", Root, "-verify_other", Issuing, "-resp_text");
        Assert.Contains("Response verify OK", output);
        return output;
    }

    private string Crl(string derPath) => ExternalTool.Succeed("openssl", "crl", "-inform", "DER", "-in", derPath, "-noout", "-text");

    private string PemCrl(string derPath)
    {
        var pem = _dir.File(Path.GetFileNameWithoutExtension(derPath) + ".pem");
        ExternalTool.Succeed("openssl", "crl", "-inform", "DER", "-in", derPath, "-out", pem);
        return pem;
    }

    private static string IdNumberFor(string prefix15)
    {
        var body = prefix15 + "12"; // 17 digits
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }
}
