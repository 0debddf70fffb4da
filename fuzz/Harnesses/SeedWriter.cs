using System.Text.Json;
using System.Text.Json.Nodes;
using OneThing.Fuzz.Harnesses.Targets;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Tsp;
using SkiaSharp;

namespace OneThing.Fuzz.Harnesses;

/// <summary>
/// The seeds the product itself makes, one folder per harness: timestamp queries and the tokens the
/// TSA grants for them, OCSP requests for certificates the PKI (of <see cref="TrustServicesPki.DirectoryVariable"/>)
/// issued, handwriting PNGs drawn with Skia, intake bodies around the sample cases. scripts/fuzz/seeds.sh
/// adds the documents and the other producers' files (qpdf, pdfsig, openssl).
/// </summary>
public static class SeedWriter
{
    public static int Write(string outDirectory, string samplesDirectory)
    {
        var pki = TrustServicesPki.Create();
        var tsa = Folder(outDirectory, TimestampRequestTarget.HarnessName);
        var cms = Folder(outDirectory, CmsTarget.HarnessName);
        var requests = new (string Name, TimeStampRequest Request)[]
        {
            ("sha256-nonce-cert", Query(NistObjectIdentifiers.IdSha256.Id, 32, nonce: 0x1234_5678, certReq: true)),
            ("sha256-plain", Query(NistObjectIdentifiers.IdSha256.Id, 32, nonce: null, certReq: false)),
            ("sha512-nonce", Query(NistObjectIdentifiers.IdSha512.Id, 64, nonce: 42, certReq: false)),
            ("sha1-policy", Query("1.3.14.3.2.26", 20, nonce: 7, certReq: true, policy: "1.2.3.4.1")),
        };
        foreach (var (name, request) in requests)
        {
            var encoded = request.GetEncoded();
            File.WriteAllBytes(Path.Combine(tsa, name + ".tsq"), encoded);
            var response = new TimeStampResponse(pki.TimestampAuthority.Respond(encoded));
            if (response.TimeStampToken is { } token)
            {
                File.WriteAllBytes(Path.Combine(cms, $"token-{name}.der"), token.GetEncoded());
            }
        }

        var ocsp = Folder(outDirectory, OcspRequestTarget.HarnessName);
        var signer = pki.IssueSignerKey("张三", "11010519491231002X");
        var issuer = pki.IssuingCa.Certificate;
        var id = new CertificateID(CertificateID.DigestSha1, issuer, signer.Certificate.SerialNumber);
        File.WriteAllBytes(Path.Combine(ocsp, "issued-nonce.der"), Ocsp([id], nonce: true));
        File.WriteAllBytes(Path.Combine(ocsp, "issued-plain.der"), Ocsp([id], nonce: false));
        File.WriteAllBytes(Path.Combine(ocsp, "two-serials.der"),
            Ocsp([id, new CertificateID(CertificateID.DigestSha1, issuer, Org.BouncyCastle.Math.BigInteger.ValueOf(12345))], nonce: true));
        File.WriteAllBytes(Path.Combine(ocsp, "root-ca.der"),
            Ocsp([new CertificateID(CertificateID.DigestSha1, pki.RootCa.Certificate, issuer.SerialNumber)], nonce: false));

        var png = Folder(outDirectory, HandwritingPngTarget.HarnessName);
        File.WriteAllBytes(Path.Combine(png, "stroke-rgba.png"), Stroke(120, 48, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        File.WriteAllBytes(Path.Combine(png, "stroke-opaque.png"), Stroke(64, 24, SKColorType.Rgb888x, SKAlphaType.Opaque));
        File.WriteAllBytes(Path.Combine(png, "stroke-gray.png"), Stroke(50, 20, SKColorType.Gray8, SKAlphaType.Opaque));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(samplesDirectory, "handwriting"), "*.png"))
        {
            File.Copy(file, Path.Combine(png, Path.GetFileName(file)), overwrite: true);
        }

        var intake = Folder(outDirectory, CaseIntakeTarget.HarnessName);
        var ids = Folder(outDirectory, ResidentIdTarget.HarnessName);
        foreach (var file in Directory.EnumerateFiles(samplesDirectory, "*.json"))
        {
            var contractCase = JsonNode.Parse(File.ReadAllText(file))!;
            var body = new JsonObject { ["case"] = contractCase, ["bankCode"] = "ICBC-DY", ["signingOrder"] = "Sequential", ["signingDays"] = 14 };
            File.WriteAllText(Path.Combine(intake, Path.GetFileName(file)), body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            foreach (var idNumber in IdNumbers(contractCase))
            {
                File.WriteAllText(Path.Combine(ids, idNumber + ".txt"), idNumber);
            }
        }
        return 0;
    }

    private static string Folder(string root, string harness) => Directory.CreateDirectory(Path.Combine(root, harness)).FullName;

    private static TimeStampRequest Query(string digestOid, int digestLength, long? nonce, bool certReq, string? policy = null)
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(certReq);
        if (policy is not null)
        {
            generator.SetReqPolicy(new DerObjectIdentifier(policy));
        }
        var imprint = Enumerable.Range(0, digestLength).Select(i => (byte)(i * 7 + 1)).ToArray();
        return nonce is { } n
            ? generator.Generate(new DerObjectIdentifier(digestOid), imprint, Org.BouncyCastle.Math.BigInteger.ValueOf(n))
            : generator.Generate(new DerObjectIdentifier(digestOid), imprint);
    }

    private static byte[] Ocsp(IEnumerable<CertificateID> ids, bool nonce)
    {
        var generator = new OcspReqGenerator();
        foreach (var id in ids)
        {
            generator.AddRequest(id);
        }
        if (nonce)
        {
            generator.SetRequestExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
            {
                [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(new DerOctetString(new byte[16]))),
            }));
        }
        return generator.Generate().GetEncoded();
    }

    private static byte[] Stroke(int width, int height, SKColorType colour, SKAlphaType alpha)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, colour, alpha));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(alpha == SKAlphaType.Opaque ? SKColors.White : SKColors.Transparent);
            using var paint = new SKPaint { Color = SKColors.Black, StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(4, height - 6, width / 2f, 6, paint);
            canvas.DrawLine(width / 2f, 6, width - 4, height - 8, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static IEnumerable<string> IdNumbers(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "idNumber" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : p.Value is null ? [] : IdNumbers(p.Value)),
        JsonArray a => a.SelectMany(e => e is null ? [] : IdNumbers(e)),
        _ => [],
    };
}
