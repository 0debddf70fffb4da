using Microsoft.Extensions.Logging.Abstractions;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Pki.Store;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Pki;

/// <summary>The PKI kept in a directory: provisioned once, loaded after, revocations remembered, production guarded.</summary>
public sealed class PkiDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_development_pki_is_provisioned_on_first_start_and_the_same_one_loaded_later()
    {
        var options = new PkiOptions { Directory = _dir.File("pki") };
        string rootSerial;
        using (var first = PkiDirectory.OpenOrProvision(options, NullLogger.Instance, TimeProvider.System))
        {
            Assert.True(first.IsDevelopment);
            rootSerial = first.RootCa.Certificate.SerialNumber.ToString(16);
        }

        using var second = PkiDirectory.OpenOrProvision(options, NullLogger.Instance, TimeProvider.System);
        Assert.Equal(rootSerial, second.RootCa.Certificate.SerialNumber.ToString(16));
        Assert.Single(second.Seals);
        Assert.Single(second.Officers);
        Assert.Empty(Directory.GetDirectories(_dir.Path, ".pki.staging-*"));
    }

    [Fact]
    public void Private_keys_are_readable_by_their_owner_only_and_no_temporary_files_remain()
    {
        if (OperatingSystem.IsWindows()) return;
        var options = new PkiOptions { Directory = _dir.File("pki") };
        PkiDirectory.Provision(options, TimeProvider.System, development: true);

        var keys = Directory.GetFiles(options.Directory, "*.p12", SearchOption.AllDirectories);
        Assert.NotEmpty(keys);
        foreach (var key in keys) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Empty(Directory.GetFiles(options.Directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Issued_and_revoked_certificates_survive_a_restart()
    {
        var options = new PkiOptions { Directory = _dir.File("pki") };
        PkiDirectory.Provision(options, TimeProvider.System, development: true);
        Org.BouncyCastle.Math.BigInteger serial;
        using (var pki = PkiDirectory.Open(options, TimeProvider.System))
        {
            using var applicant = pki.IssueSignerKey("张三", "11010519491231002X");
            serial = applicant.Certificate.SerialNumber;
            pki.Revoke(serial, RevocationReason.CessationOfOperation);
        }

        using var reopened = PkiDirectory.Open(options, TimeProvider.System);
        var record = reopened.FindIssued(serial);
        Assert.NotNull(record);
        Assert.True(record.IsRevoked);
        Assert.Equal(RevocationReason.CessationOfOperation, record.Reason);
        Assert.NotNull(reopened.GetCrl("issuing-ca").GetRevokedCertificate(serial));
    }

    [Fact]
    public void A_wrong_key_password_is_a_clear_error()
    {
        var options = new PkiOptions { Directory = _dir.File("pki") };
        PkiDirectory.Provision(options, TimeProvider.System, development: true);
        options.KeyPassword = "not-it";
        var error = Assert.Throws<InvalidDataException>(() => PkiDirectory.Open(options, TimeProvider.System));
        Assert.Contains("wrong password", error.Message);
    }

    [Fact]
    public void Production_mode_refuses_a_development_pki_and_the_development_password()
    {
        var options = new PkiOptions { Directory = _dir.File("pki") };
        PkiDirectory.Provision(options, TimeProvider.System, development: true);
        options.Mode = PkiMode.Production;
        Assert.Contains("development PKI", Assert.Throws<InvalidOperationException>(() => PkiDirectory.Open(options, TimeProvider.System)).Message);
        var validation = new PkiOptionsValidator().Validate(null, options);
        Assert.True(validation.Failed);
        Assert.Contains("KeyPassword", validation.FailureMessage);
    }

    [Fact]
    public void A_production_pki_loads_in_production_mode()
    {
        var options = new PkiOptions { Directory = _dir.File("pki"), Mode = PkiMode.Production, KeyPassword = "a-real-secret" };
        PkiDirectory.Provision(options, TimeProvider.System, development: false);
        Assert.True(new PkiOptionsValidator().Validate(null, options).Succeeded);
        using var pki = PkiDirectory.OpenOrProvision(options, NullLogger.Instance, TimeProvider.System);
        Assert.False(pki.IsDevelopment);
        Assert.DoesNotContain("DEVELOPMENT", pki.RootCa.Certificate.SubjectDN.ToString());
    }

    [Fact]
    public void Provisioning_refuses_to_overwrite_an_existing_pki_or_a_non_empty_directory()
    {
        var options = new PkiOptions { Directory = _dir.File("pki") };
        PkiDirectory.Provision(options, TimeProvider.System, development: true);
        Assert.Throws<InvalidOperationException>(() => PkiDirectory.Provision(options, TimeProvider.System, development: true));
        File.WriteAllText(_dir.File("other.txt"), "x");
        Assert.Throws<InvalidOperationException>(() => PkiDirectory.Provision(new PkiOptions { Directory = _dir.Path }, TimeProvider.System, development: true));
    }

    [Fact]
    public void An_external_tsa_needs_a_valid_url_and_its_trust_anchors()
    {
        var result = new PkiOptionsValidator().Validate(null, new PkiOptions { ExternalTsaUrl = "ftp://tsa.example", ExternalTsaTrustAnchorsFile = _dir.File("missing.pem") });
        Assert.True(result.Failed);
        Assert.Contains("Pki:ExternalTsaUrl", result.FailureMessage);
        Assert.Contains("Pki:ExternalTsaTrustAnchorsFile", result.FailureMessage);
    }

    public void Dispose() => _dir.Dispose();
}
