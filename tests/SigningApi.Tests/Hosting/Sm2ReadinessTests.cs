using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Tests.Support;
using OneThing.SigningApi.TrustServices;
using Org.BouncyCastle.Crypto;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>With an sm2 centre, the keys' check and the expiry gauges cover the SM2 PKI's keys too, each named with its PKI.</summary>
public sealed class Sm2ReadinessTests(Sm2ReadinessTests.Factory factory) : IClassFixture<Sm2ReadinessTests.Factory>
{
    /// <summary>Longer than the tests: only the check at start-up runs.</summary>
    internal static readonly (string Key, string Value) KeyCheckAtStartOnly = ("OneThing:Health:KeyCheckInterval", "01:00:00");

    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => Sm2CentreSettings.With(KeyCheckAtStartOnly, ("OneThing:Telemetry:Prometheus", "true"));
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task The_sm2_pkis_seal_officer_ocsp_and_tsa_keys_are_checked_and_their_certificates_gauged_under_pki_sm2()
    {
        var ready = (await (await _api.AsAsync("admin")).GetFromJsonAsync<JsonObject>("/health/ready"))!;
        var keys = ready["checks"]!["keys"]!;
        Assert.Equal("Healthy", keys["status"]!.GetValue<string>());
        var description = keys["description"]!.GetValue<string>();
        // The main PKI holds every configured centre's seal and officer key; the SM2 PKI only the sm2 centre's.
        Assert.Contains("main (development PKI): 2 seal key(s), 2 officer key(s), the OCSP responder and the TSA sign", description);
        Assert.Contains("sm2 (development PKI): 1 seal key(s), 1 officer key(s), the OCSP responder and the TSA sign", description);

        var metrics = await _api.Anonymous().GetStringAsync("/metrics");
        var sm2 = factory.Services.GetRequiredKeyedService<ProductPki>(CentrePkis.Sm2Key);
        var sealDays = ExpiryDays(metrics, "sm2", $"seal:{Sm2CentreSettings.ChengduSealCode}");
        Assert.InRange(sealDays, (sm2.GetSeal(Sm2CentreSettings.ChengduSealCode).Key.Certificate.NotAfter - DateTime.UtcNow).TotalDays - 1,
            (sm2.GetSeal(Sm2CentreSettings.ChengduSealCode).Key.Certificate.NotAfter - DateTime.UtcNow).TotalDays + 1);
        foreach (var certificate in new[] { "root", "issuing-ca", "officer:CD-0001", "ocsp", "tsa" }) ExpiryDays(metrics, "sm2", certificate);
        foreach (var certificate in new[] { "seal:5106000000001", "ocsp", "tsa" }) ExpiryDays(metrics, "main", certificate);
    }

    /// <summary>The value of the one <c>onething_certificate_expiry_days</c> sample with these labels in a Prometheus scrape.</summary>
    private static double ExpiryDays(string metrics, string pki, string certificate)
    {
        var line = Assert.Single(metrics.Split('\n'), l => l.StartsWith("onething_certificate_expiry_days{", StringComparison.Ordinal)
            && l.Contains($"pki=\"{pki}\"", StringComparison.Ordinal) && l.Contains($"certificate=\"{certificate}\"", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

/// <summary>An SM2 key that cannot sign (or signs with another key) makes the service unready, and the reason operators see names the SM2 key.</summary>
public sealed class Sm2BrokenKeyReadinessTests(Sm2BrokenKeyReadinessTests.Factory factory) : IClassFixture<Sm2BrokenKeyReadinessTests.Factory>
{
    /// <summary>
    /// The SM2 PKI as the service opens it, but the Chengdu seal key's token has gone away (every signature with it fails)
    /// and the Chengdu officer's token answers with another SM2 key (a signature that its certificate does not verify).
    /// </summary>
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => Sm2CentreSettings.With(Sm2ReadinessTests.KeyCheckAtStartOnly);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var opened = services.Single(d => d.ServiceType == typeof(ProductPki) && Equals(d.ServiceKey, CentrePkis.Sm2Key)).KeyedImplementationFactory!;
                services.AddKeyedSingleton(CentrePkis.Sm2Key, (sp, key) =>
                {
                    var pki = (ProductPki)opened(sp, key);
                    var options = Sm2PkiFactory.OptionsFor(sp.GetRequiredService<IOptions<PkiOptions>>().Value, sp.GetRequiredService<CentreDirectory>());
                    var seals = pki.Seals.Select(s => s with { Key = new CertifiedSigningKey(new TokenGone(s.Key.PrivateKey), s.Key.Certificate, s.Key.Chain) });
                    var officers = pki.Officers.Select(o => o with { Key = new CertifiedSigningKey(new OtherKeySigns(o.Key.PrivateKey), o.Key.Certificate, o.Key.Chain) });
                    return new ProductPki(new PkiComponents(pki.RootCa, pki.IssuingCa, pki.OcspResponderKey, pki.TimestampAuthorityKey, [.. seals], [.. officers]),
                        options, sp.GetRequiredService<TimeProvider>(), pki.IsDevelopment, owned: [pki]);
                });
            });
        }
    }

    /// <summary>A key whose token was removed: the public half is known, signing throws as a PKCS#11 session would.</summary>
    private sealed class TokenGone(IPrivateKey inner) : IPrivateKey
    {
        public KeyAlgorithm Algorithm => inner.Algorithm;
        public AsymmetricKeyParameter PublicKey => inner.PublicKey;
        public string SignatureAlgorithm => inner.SignatureAlgorithm;
        public byte[] Sign(ReadOnlySpan<byte> data) => throw new CryptographicException("the token holding the key is not present");
        public void Dispose() { }
    }

    /// <summary>A token that signs with a key other than the certified one: SM2 signatures its certificate does not verify.</summary>
    private sealed class OtherKeySigns(IPrivateKey certified) : IPrivateKey
    {
        private readonly InMemoryPrivateKey _other = InMemoryPrivateKey.Generate(KeyAlgorithm.Sm2);
        public KeyAlgorithm Algorithm => certified.Algorithm;
        public AsymmetricKeyParameter PublicKey => certified.PublicKey;
        public string SignatureAlgorithm => certified.SignatureAlgorithm;
        public byte[] Sign(ReadOnlySpan<byte> data) => _other.Sign(data);
        public void Dispose() => _other.Dispose();
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task An_sm2_seal_key_that_cannot_sign_or_an_officer_key_whose_signature_does_not_verify_makes_the_service_unready_naming_each_sm2_key()
    {
        var anonymous = await _api.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.StatusCode);
        Assert.Equal("Unhealthy", (await anonymous.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());

        var ready = (await (await (await _api.AsAsync("admin")).GetAsync("/health/ready")).Content.ReadFromJsonAsync<JsonObject>())!;
        var keys = ready["checks"]!["keys"]!;
        Assert.Equal("Unhealthy", keys["status"]!.GetValue<string>());
        var description = keys["description"]!.GetValue<string>();
        Assert.Contains($"the sm2 seal {Sm2CentreSettings.ChengduSealCode} key cannot sign: the token holding the key is not present", description);
        Assert.Contains("the sm2 officer CD-0001 key cannot sign: its signature does not verify with its certificate", description);
        // Only the broken keys are blamed: the main PKI's seal and the SM2 PKI's other keys still sign.
        Assert.DoesNotContain("the main", description);
        Assert.DoesNotContain("sm2 TSA", description);
    }
}
