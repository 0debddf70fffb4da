using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Tests.Pki.Support;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;

namespace OneThing.Seal.Tests.Sm2;

/// <summary>GB/T 38540 seals and seal signatures: written, read back, checked by OpenSSL, and robust against damaged input.</summary>
public sealed class SesStructureTests : IDisposable
{
    private static readonly byte[] Picture = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];
    private readonly ProductPki _pki = ProductPki.CreateInMemory(new PkiOptions { KeyAlgorithm = KeyAlgorithm.Sm2 });
    private readonly TempDirectory _dir = new();

    private CertifiedSigningKey Maker => _pki.Officers[0].Key;
    private CertifiedSigningKey Holder => _pki.Seals[0].Key;

    [Fact]
    public void A_written_v4_seal_reads_back_field_by_field_and_its_maker_signature_verifies()
    {
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var der = MakeSeal(start);

        var seal = SesReader.ReadSeal(der);

        Assert.Equal(4, seal.Version);
        Assert.Equal("OneThing", seal.VendorId);
        Assert.Equal("ES-0001", seal.EsId);
        Assert.Equal("德阳市住房公积金管理中心合同专用章", seal.Name);
        Assert.Equal(2, seal.Type);
        Assert.Equal(Holder.Certificate.GetEncoded(), Assert.Single(seal.Certificates));
        Assert.Equal(start, seal.ValidStart);
        Assert.Equal(start.AddYears(1), seal.ValidEnd);
        Assert.Equal(new SesPicture("png", Picture, 42, 40), seal.Picture with { Data = Picture });
        Assert.Equal(Picture, seal.Picture.Data);
        Assert.Equal(Maker.Certificate.GetEncoded(), seal.MakerCertificate);
        Assert.Equal("1.2.156.10197.1.501", seal.SignatureAlgorithmOid);
        Assert.All(SesVerifier.Check(seal), c => Assert.True(c.Passed, c.Detail));
    }

    [Fact]
    public void Openssl_parses_the_seal_as_der_and_verifies_the_makers_sm2_value_over_ses_sealinfo()
    {
        var der = MakeSeal(DateTimeOffset.UtcNow);
        var parse = ExternalTool.Succeed("openssl", "asn1parse", "-inform", "DER", "-in", _dir.WriteBytes("seal.der", der));
        Assert.Contains(":ES", parse);
        Assert.Contains("SM2-with-SM3", parse);

        var top = Asn1Sequence.GetInstance(der);
        var sealInfo = top[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der);
        var value = DerBitString.GetInstance(top[3]).GetOctets();
        Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, Maker.Certificate, sealInfo, value));
        Assert.False(Sm2OpenSsl.VerifySignatureValue(_dir, Holder.Certificate, sealInfo, value));
    }

    [Fact]
    public void A_seal_signature_over_content_verifies_and_names_the_content_hash_and_signer()
    {
        var seal = MakeSeal(DateTimeOffset.UtcNow);
        var content = "借款合同 DYGJJ-JK-2026-000123"u8.ToArray();
        var der = SesWriter.WriteSignature(seal, DateTimeOffset.UtcNow, content, "DYGJJ-JK-2026-000123-JK.pdf", Holder.Certificate.GetEncoded(), d => Holder.PrivateKey.Sign(d));

        var signature = SesReader.ReadSignature(der);

        Assert.Equal(4, signature.Version);
        Assert.Equal("DYGJJ-JK-2026-000123-JK.pdf", signature.PropertyInfo);
        Assert.Equal(Holder.Certificate.GetEncoded(), signature.SignerCertificate);
        Assert.All(SesVerifier.Check(signature), c => Assert.True(c.Passed, c.Detail));
        Assert.True(SesVerifier.CheckContent(signature, content).Passed);
        Assert.False(SesVerifier.CheckContent(signature, [.. content, 0]).Passed);
        var tbs = Asn1Sequence.GetInstance(der)[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der);
        Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, Holder.Certificate, tbs, signature.Signature));
    }

    [Fact]
    public void A_signer_the_seal_does_not_list_fails_the_listing_check_though_its_signature_verifies()
    {
        var seal = MakeSeal(DateTimeOffset.UtcNow);
        var der = SesWriter.WriteSignature(seal, DateTimeOffset.UtcNow, [1, 2, 3], "x", Maker.Certificate.GetEncoded(), d => Maker.PrivateKey.Sign(d));

        var checks = SesVerifier.Check(SesReader.ReadSignature(der));

        Assert.True(checks.Single(c => c.Name.StartsWith("signature value", StringComparison.Ordinal)).Passed);
        Assert.False(checks.Single(c => c.Name == "signer listed in the seal").Passed);
    }

    [Fact]
    public void A_v4_signature_assembled_by_hand_the_way_other_implementations_do_is_read_with_its_tagged_timestamp()
    {
        // Built from BouncyCastle primitives, not SesWriter: TBS_Sign with extDatas absent, timeStamp as [0] EXPLICIT BIT STRING.
        var seal = Asn1Sequence.GetInstance(MakeSeal(DateTimeOffset.UtcNow));
        var tbs = new DerSequence(DerInteger.ValueOf(4), seal, new DerGeneralizedTime(DateTime.UtcNow.AddTicks(-(DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond))),
            new DerBitString(new byte[32]), new DerIA5String("doc"));
        var value = Holder.PrivateKey.Sign(tbs.GetEncoded(Asn1Encodable.Der));
        var der = new DerSequence(tbs, new DerOctetString(Holder.Certificate.GetEncoded()), GMObjectIdentifiers.sm2sign_with_sm3, new DerBitString(value),
            new DerTaggedObject(true, 0, new DerBitString(new byte[] { 0x30, 0x00 }))).GetEncoded(Asn1Encodable.Der);

        var (readSeal, signature) = SesReader.Read(der);

        Assert.Null(readSeal);
        Assert.Equal([0x30, 0x00], signature!.Timestamp);
        Assert.All(SesVerifier.Check(signature), c => Assert.True(c.Passed, c.Detail));
    }

    [Fact]
    public void A_seal_with_a_fifth_timestamp_field_as_later_makers_write_it_is_read_and_its_maker_signature_verifies()
    {
        // ofdrw's "V5" seals (a public sample, not committed) append timeStamp [0] EXPLICIT BIT STRING to the four v4 fields.
        var v4 = Asn1Sequence.GetInstance(MakeSeal(DateTimeOffset.UtcNow));
        var der = new DerSequence(v4[0], v4[1], v4[2], v4[3], new DerTaggedObject(true, 0, new DerBitString(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x05 })))
            .GetEncoded(Asn1Encodable.Der);

        var seal = SesReader.ReadSeal(der);

        Assert.Equal([0x30, 0x03, 0x02, 0x01, 0x05], seal.Timestamp);
        Assert.Null(SesReader.ReadSeal(v4.GetEncoded(Asn1Encodable.Der)).Timestamp);
        Assert.All(SesVerifier.Check(seal), c => Assert.True(c.Passed, c.Detail));
        var untagged = new DerSequence(v4[0], v4[1], v4[2], v4[3], new DerBitString(new byte[] { 1 })).GetEncoded(Asn1Encodable.Der);
        Assert.Contains("timeStamp [0]", Assert.Throws<SesFormatException>(() => SesReader.ReadSeal(untagged)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gmt_0031_v1_seal_is_read_with_its_utc_times_and_sign_info()
    {
        var header = new DerSequence(new DerIA5String("ES"), DerInteger.ValueOf(1), new DerIA5String("Vendor"));
        var property = new DerSequence(DerInteger.ValueOf(1), new DerUtf8String("旧版印章"), new DerSequence(new DerOctetString(Holder.Certificate.GetEncoded())),
            new DerUtcTime(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), 2049), new DerUtcTime(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), 2049),
            new DerUtcTime(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), 2049));
        var picture = new DerSequence(new DerIA5String("png"), new DerOctetString(Picture), DerInteger.ValueOf(40), DerInteger.ValueOf(40));
        var info = new DerSequence(header, new DerIA5String("V1-1"), property, picture);
        var value = Maker.PrivateKey.Sign(info.GetEncoded(Asn1Encodable.Der));
        var der = new DerSequence(info, new DerSequence(new DerOctetString(Maker.Certificate.GetEncoded()), GMObjectIdentifiers.sm2sign_with_sm3, new DerBitString(value)))
            .GetEncoded(Asn1Encodable.Der);

        var seal = SesReader.ReadSeal(der);

        Assert.Equal(1, seal.Version);
        Assert.Equal("旧版印章", seal.Name);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), seal.ValidEnd);
        Assert.All(SesVerifier.Check(seal), c => Assert.True(c.Passed, c.Detail));
    }

    [Fact]
    public void Every_truncation_and_every_single_byte_change_either_reads_or_fails_with_a_format_error_never_another_exception()
    {
        var der = SesWriter.WriteSignature(MakeSeal(DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, [1], "p", Holder.Certificate.GetEncoded(), d => Holder.PrivateKey.Sign(d));
        for (var length = 0; length < der.Length; length += Math.Max(1, length / 50))
        {
            Assert.Throws<SesFormatException>(() => SesReader.Read(der[..length]));
        }
        var random = new Random(38540);
        var failedChecks = 0;
        for (var i = 0; i < 200; i++)
        {
            var copy = (byte[])der.Clone();
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                var (seal, signature) = SesReader.Read(copy);
                var checks = signature is not null ? SesVerifier.Check(signature) : SesVerifier.Check(seal!);
                failedChecks += checks.All(c => c.Passed) ? 0 : 1;
            }
            catch (SesFormatException)
            {
                failedChecks++;
            }
        }
        // A flipped bit in signed data or a signature is caught; only a few unsigned positions (the OCTET STRING
        // wrapping of embedded certificates is re-checked by signatures over them) may pass unnoticed.
        Assert.True(failedChecks > 190, $"{failedChecks} of 200 altered copies were caught");
    }

    private byte[] MakeSeal(DateTimeOffset start) => SesWriter.WriteSeal(
        new SesSealRequest("OneThing", "ES-0001", 2, "德阳市住房公积金管理中心合同专用章", [Holder.Certificate.GetEncoded()], start, start, start.AddYears(1),
            new SesPicture("png", Picture, 42, 40)),
        Maker.Certificate.GetEncoded(), d => Maker.PrivateKey.Sign(d));

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }
}
