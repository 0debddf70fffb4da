using System.CommandLine;
using System.Text;
using System.Text.Json;
using OneThing.Durability;
using OneThing.Seal.Crypto.Ses;
using Org.BouncyCastle.X509;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething seal inspect FILE [--json] [--picture OUT]</c>: reads an SESeal or SES_Signature (GB/T 38540 v4,
/// GM/T 0031 v1), prints its fields and validity dates and checks its SM2 signatures against the embedded
/// certificates. Exit 0 readable and every signature verifies, 1 readable but a check fails, 2 unreadable.
/// </summary>
internal static class SealInspectCommand
{
    public const int Verified = 0;
    public const int Failed = 1;
    public const int Unreadable = 2;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The seal (SESeal) or seal signature (SES_Signature), DER." };
        var json = new Option<bool>("--json") { Description = "Print the fields and checks as JSON." };
        var picture = new Option<FileInfo?>("--picture") { Description = "Write the seal picture to this file." };
        var content = new Option<FileInfo?>("--content") { Description = "For a detached SES_Signature: the signed file, checked against dataHash (SM3)." };
        var command = new Command("inspect", "Read a GB/T 38540 / GM/T 0031 seal or seal signature, print it and check its SM2 signatures (exit 0 verified, 1 failed, 2 unreadable).")
        {
            file, json, picture, content,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var input = parseResult.GetValue(file)!;
            SesSeal seal;
            SesSignature? signature;
            try
            {
                if (input.Exists && input.Length > SesReader.MaxLength)
                {
                    throw new SesFormatException($"the file is larger than {SesReader.MaxLength / (1024 * 1024)} MB");
                }
                var (readSeal, readSignature) = SesReader.Read(File.ReadAllBytes(input.FullName));
                signature = readSignature;
                seal = readSeal ?? readSignature!.Seal;
            }
            catch (Exception e) when (e is SesFormatException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"onething seal inspect: {input.Name}: {OneLine(e.Message)}");
                return Unreadable;
            }

            var checks = (signature is null ? SesVerifier.Check(seal) : SesVerifier.Check(signature)).ToList();
            if (parseResult.GetValue(content) is { } contentFile)
            {
                if (signature is null)
                {
                    error.WriteLine($"onething seal inspect: {input.Name}: --content applies to a seal signature, not a seal");
                    return Unreadable;
                }
                try
                {
                    checks.Add(SesVerifier.CheckContent(signature, File.ReadAllBytes(contentFile.FullName)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"onething seal inspect: {contentFile.Name}: {OneLine(e.Message)}");
                    return Unreadable;
                }
            }
            if (parseResult.GetValue(picture) is { } pictureFile)
            {
                DurableFile.Write(pictureFile.FullName, seal.Picture.Data);
            }
            var now = DateTimeOffset.UtcNow;
            output.WriteLine(parseResult.GetValue(json) ? JsonSerializer.Serialize(Describe(seal, signature, checks, now), Json) : Text(seal, signature, checks, now));
            return checks.All(c => c.Passed) ? Verified : Failed;
        });
        return command;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private static object Describe(SesSeal seal, SesSignature? signature, IReadOnlyList<SesCheck> checks, DateTimeOffset now) => new
    {
        kind = signature is null ? "SESeal" : "SES_Signature",
        standard = Standard(seal.Version),
        verified = checks.All(c => c.Passed),
        seal = new
        {
            version = seal.Version,
            vendorId = seal.VendorId,
            esId = seal.EsId,
            type = seal.Type,
            name = seal.Name,
            certListType = seal.CertListType,
            signerCertificates = seal.Certificates.Select(Certificate),
            certificateDigests = seal.CertificateDigests.Select(d => new { type = d.Type, value = Convert.ToHexString(d.Value) }),
            createDate = seal.CreateDate,
            validStart = seal.ValidStart,
            validEnd = seal.ValidEnd,
            validNow = Validity(seal.ValidStart, seal.ValidEnd, now),
            picture = new { type = seal.Picture.Type, bytes = seal.Picture.Data.Length, widthMm = seal.Picture.WidthMillimetres, heightMm = seal.Picture.HeightMillimetres },
            extensions = seal.Extensions.Select(e => new { oid = e.Oid, critical = e.Critical, bytes = e.Value.Length }),
            maker = Certificate(seal.MakerCertificate),
            signatureAlgorithm = seal.SignatureAlgorithmOid,
            timestampBytes = seal.Timestamp?.Length,
        },
        signature = signature is null ? null : new
        {
            version = signature.Version,
            time = signature.Time,
            dataHash = Convert.ToHexString(signature.DataHash),
            propertyInfo = signature.PropertyInfo,
            signer = Certificate(signature.SignerCertificate),
            signatureAlgorithm = signature.SignatureAlgorithmOid,
            timestampBytes = signature.Timestamp?.Length,
        },
        checks = checks.Select(c => new { name = c.Name, passed = c.Passed, detail = c.Detail }),
    };

    private static string Text(SesSeal seal, SesSignature? signature, IReadOnlyList<SesCheck> checks, DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine($"{(signature is null ? "电子印章 / Seal (SESeal)" : "电子签章 / Seal signature (SES_Signature)")}: {Standard(seal.Version)}");
        text.AppendLine($"  印章名称 / Name: {seal.Name}   类型 / Type: {seal.Type}");
        text.AppendLine($"  印章标识 / esID: {seal.EsId}   厂商 / Vendor: {seal.VendorId}   版本 / Version: {seal.Version}");
        text.AppendLine($"  制作时间 / Created: {seal.CreateDate:u}");
        text.AppendLine($"  有效期 / Valid: {seal.ValidStart:u} – {seal.ValidEnd:u} ({Validity(seal.ValidStart, seal.ValidEnd, now)})");
        text.AppendLine($"  图片 / Picture: {seal.Picture.Type}, {seal.Picture.Data.Length} bytes, {seal.Picture.WidthMillimetres}×{seal.Picture.HeightMillimetres} mm");
        foreach (var certificate in seal.Certificates)
        {
            text.AppendLine($"  签章者证书 / Signer certificate: {CertificateLine(certificate, now)}");
        }
        foreach (var (type, value) in seal.CertificateDigests)
        {
            text.AppendLine($"  签章者证书摘要 / Signer certificate digest: {type} {Convert.ToHexString(value)}");
        }
        text.AppendLine($"  制章者证书 / Seal maker: {CertificateLine(seal.MakerCertificate, now)}");
        if (seal.Timestamp is { } sealToken)
        {
            text.AppendLine($"  印章时间戳 / Seal timestamp: {sealToken.Length} bytes (not checked)");
        }
        if (signature is not null)
        {
            text.AppendLine($"  签章时间 / Signed at: {(signature.Time is { } t ? t.ToString("u") : "(not a GeneralizedTime)")}");
            text.AppendLine($"  原文杂凑 / Data hash: {Convert.ToHexString(signature.DataHash)}");
            text.AppendLine($"  属性 / Property info: {signature.PropertyInfo}");
            text.AppendLine($"  签章人证书 / Signer: {CertificateLine(signature.SignerCertificate, now)}");
            text.AppendLine($"  时间戳 / Timestamp: {(signature.Timestamp is { } token ? $"{token.Length} bytes" : "none")}");
        }
        foreach (var check in checks)
        {
            text.AppendLine($"  {(check.Passed ? "✓" : "✗")} {check.Name}: {check.Detail}");
        }
        text.Append(checks.All(c => c.Passed) ? "结论 / Result: 签名有效 / signatures verify" : "结论 / Result: 签名无效 / a check failed");
        return text.ToString();
    }

    private static string Standard(int version) => version switch
    {
        4 => "GB/T 38540-2020 (v4)",
        > 4 => $"version {version}, read as GB/T 38540-2020 (v4) with its timeStamp",
        _ => $"GM/T 0031-2014 (v{version})",
    };

    private static string Validity(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now) =>
        now < start ? "not yet valid" : now > end ? "expired" : "valid now";

    private static object Certificate(byte[] der)
    {
        try
        {
            var c = new X509Certificate(der);
            return new { subject = c.SubjectDN.ToString(), issuer = c.IssuerDN.ToString(), serial = c.SerialNumber.ToString(16), notBefore = c.NotBefore, notAfter = c.NotAfter };
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or IOException or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            return new { error = "unreadable certificate" };
        }
    }

    private static string CertificateLine(byte[] der, DateTimeOffset now)
    {
        try
        {
            var c = new X509Certificate(der);
            return $"{c.SubjectDN} ({c.NotBefore:u} – {c.NotAfter:u}, {Validity(c.NotBefore, c.NotAfter, now)})";
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or IOException or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            return "(unreadable certificate)";
        }
    }
}
