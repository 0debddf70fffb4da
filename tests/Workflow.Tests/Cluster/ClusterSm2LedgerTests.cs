using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Revocation;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.TrustServices;
using OneThing.Workflow.Tests.Support;
using Org.BouncyCastle.X509;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// Two instances on one PostgreSQL database with an <c>sm2</c> centre: the SM2 PKI beside the main one shares its
/// issued and revoked certificates too, so either instance's <c>/sm2</c> OCSP and CRL answer for a certificate the
/// other issued or revoked (the two PKIs' CAs have the same names, so the record keeps them apart). OpenSSL reads the answers.
/// </summary>
public sealed partial class ClusterSm2LedgerTests : IDisposable
{
    private const string Deyang = "德阳市住房公积金管理中心";
    private const string Chengdu = "成都住房公积金管理中心";
    private readonly InstancePair _instances = new();

    [Fact]
    public async Task An_sm2_certificate_issued_on_one_instance_is_good_on_the_others_sm2_ocsp_and_once_revoked_there_is_on_its_sm2_crl()
    {
        var (one, two) = Cluster();
        var sm2One = one.Services.GetRequiredKeyedService<ProductPki>(CentrePkis.Sm2Key);
        var sm2Two = two.Services.GetRequiredKeyedService<ProductPki>(CentrePkis.Sm2Key);
        Assert.Equal(KeyAlgorithm.Sm2, sm2One.KeyAlgorithm);
        Assert.Equal(sm2One.IssuingCa.Certificate, sm2Two.IssuingCa.Certificate); // one shared development SM2 PKI

        // Instance one issues an applicant event certificate of the SM2 PKI, as it does when a Chengdu applicant signs.
        using var applicant = sm2One.IssueSignerKey("王建国", "510603198804123574");
        var folder = NewFolder();
        var issuer = Pem(folder, "sm2-issuing-ca.pem", sm2One.IssuingCa.Certificate);
        var cert = Pem(folder, "applicant.pem", applicant.Certificate);

        Assert.Equal("good", await OcspStatusAsync(one, folder, issuer, cert));
        Assert.Equal("good", await OcspStatusAsync(two, folder, issuer, cert));

        // Both PKIs have an "issuing-ca": the certificate is recorded as the SM2 PKI's only.
        var rows = await one.WithDbAsync(db => db.Set<IssuedCertificate>().Where(c => c.Serial == applicant.Certificate.SerialNumber.ToString(16)).ToListAsync());
        Assert.Equal(CentrePkis.Sm2Key, Assert.Single(rows).Pki);
        Assert.Null(two.Services.GetRequiredService<ProductPki>().FindIssued(applicant.Certificate.SerialNumber));

        // Revoked through instance one: instance two's SM2 OCSP says revoked and its SM2 CRL lists it.
        sm2One.Revoke(applicant.Certificate.SerialNumber, RevocationReason.KeyCompromise);
        Assert.Equal("revoked", await OcspStatusAsync(two, folder, issuer, cert));
        var crl = Path.Combine(folder, "issuing-ca.crl");
        await File.WriteAllBytesAsync(crl, await two.CreateClient().GetByteArrayAsync("/sm2/pki/crl/issuing-ca.crl"));
        var text = await OpenSslAsync(["crl", "-inform", "DER", "-in", crl, "-noout", "-text"]);
        Assert.Contains("SM2-with-SM3", text, StringComparison.Ordinal);
        var listed = CrlSerial().Matches(text).Select(m => m.Groups[1].Value.TrimStart('0').ToLowerInvariant()).ToList();
        Assert.Contains(applicant.Certificate.SerialNumber.ToString(16).TrimStart('0'), listed);
    }

    /// <summary>The status OpenSSL reads from <paramref name="host"/>'s <c>/sm2/pki/ocsp</c> answer to an OpenSSL-made request.</summary>
    private static async Task<string> OcspStatusAsync(WorkflowHost host, string folder, string issuer, string cert)
    {
        var request = Path.Combine(folder, "request.der");
        await OpenSslAsync(["ocsp", "-issuer", issuer, "-cert", cert, "-no_nonce", "-reqout", request]);
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        using var response = await host.CreateClient().PostAsync("/sm2/pki/ocsp", content);
        var answer = Path.Combine(folder, "response.der");
        await File.WriteAllBytesAsync(answer, await response.Content.ReadAsByteArrayAsync());
        // -noverify: OpenSSL cannot give an OCSP response's SM2 signature the GM/T 0009 ID (docs/sm2.md); the status is what is read here.
        var output = await OpenSslAsync(["ocsp", "-respin", answer, "-issuer", issuer, "-cert", cert, "-noverify"]);
        var status = OcspStatus().Match(output);
        Assert.True(status.Success, output);
        return status.Groups[1].Value;
    }

    private static async Task<string> OpenSslAsync(string[] arguments)
    {
        var result = await Tool.RunAsync("openssl", arguments);
        Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', arguments)}: {result.Output}");
        return result.Stdout;
    }

    private static string Pem(string folder, string name, X509Certificate certificate)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"-----BEGIN CERTIFICATE-----\n{Convert.ToBase64String(certificate.GetEncoded(), Base64FormattingOptions.InsertLineBreaks)}\n-----END CERTIFICATE-----\n");
        return path;
    }

    [GeneratedRegex(@"applicant\.pem: (good|revoked|unknown)")]
    private static partial Regex OcspStatus();

    [GeneratedRegex(@"Serial Number: ([0-9A-Fa-f]+)")]
    private static partial Regex CrlSerial();

    private string NewFolder() => _instances.NewFolder();

    /// <summary>Two started instances on a fresh PostgreSQL database, each with its own data folder, serving Deyang (international) and Chengdu (sm2).</summary>
    private (WorkflowHost One, WorkflowHost Two) Cluster() => _instances.Start(new Dictionary<string, string?>
    {
        ["OneThing:Centres:0:Code"] = "12510600MB0K3C2D4E",
        ["OneThing:Centres:0:Name"] = Deyang,
        ["OneThing:Centres:1:Code"] = "12510100MB0A1B2C3D",
        ["OneThing:Centres:1:Name"] = Chengdu,
        ["OneThing:Centres:1:Algorithm"] = "sm2",
        ["Pki:Centres:0:CentreName"] = Deyang,
        ["Pki:Centres:0:SealCode"] = "5106000000001",
        ["Pki:Centres:1:CentreName"] = Chengdu,
        ["Pki:Centres:1:SealCode"] = "5101000000001",
    });

    public void Dispose() => _instances.Dispose();
}
