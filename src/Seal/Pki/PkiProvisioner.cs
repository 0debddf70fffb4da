using Org.BouncyCastle.Asn1.X509;
using OneThing.Seal.Pki.Authority;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Revocation;

namespace OneThing.Seal.Pki;

/// <summary>
/// Creates a complete hierarchy with fresh in-memory keys: root → issuing CA → OCSP responder,
/// TSA, one seal per centre and the officers. Used for the development PKI, <c>onething pki init</c>
/// and in-memory PKIs for tests and benchmarks.
/// </summary>
public static class PkiProvisioner
{
    public static CentreSealOptions SampleCentre => new() { CentreName = "德阳市住房公积金管理中心", SealCode = "5106000000001" };

    public static OfficerOptions SampleOfficer => new() { OfficerId = "DY-0001", Name = "王经办", CentreName = "德阳市住房公积金管理中心" };

    /// <param name="registryFor">The revocation registry of a CA by name (in-memory or journal-backed).</param>
    public static PkiComponents Create(PkiOptions options, TimeProvider clock, Func<string, RevocationRegistry> registryFor, bool development)
    {
        var urls = new PkiUrls(options.BaseUrl);
        var now = clock.GetUtcNow().UtcDateTime;
        var label = development ? " [DEVELOPMENT]" : "";

        var rootKey = InMemoryPrivateKey.Generate(options.KeyAlgorithm);
        var rootCertificate = CertificateAuthority.CreateRootCertificate(
            SubjectNames.Authority("OneThing Root CA" + label), rootKey, now.AddMinutes(-5), CertificateProfiles.RootCa.DefaultValidity);
        var root = new CertificateAuthority("root-ca", rootKey, [rootCertificate], registryFor("root-ca"), urls, clock);

        var issuingKey = InMemoryPrivateKey.Generate(options.KeyAlgorithm);
        var issuingCertificate = root.Issue(CertificateProfiles.IssuingCa, SubjectNames.Authority("OneThing Issuing CA" + label), issuingKey.PublicKey);
        var issuing = new CertificateAuthority("issuing-ca", issuingKey, [issuingCertificate, rootCertificate], registryFor("issuing-ca"), urls, clock);

        var ocsp = IssueInMemory(issuing, CertificateProfiles.OcspResponder, SubjectNames.Authority("OneThing OCSP Responder" + label), options.KeyAlgorithm);
        var tsa = IssueInMemory(issuing, CertificateProfiles.TimestampAuthority, SubjectNames.Authority("OneThing Timestamp Authority" + label), options.KeyAlgorithm);

        var centres = options.Centres.Count > 0 ? options.Centres : [SampleCentre];
        var seals = centres.Select(c => new CentreSealKey(c.CentreName, c.SealCode,
            IssueInMemory(issuing, CertificateProfiles.CentreSeal, SubjectNames.CentreSeal(c.CentreName, c.SealCode), options.KeyAlgorithm))).ToList();

        var officers = (options.Officers.Count > 0 ? options.Officers : [SampleOfficer]).Select(o => new LoanOfficerKey(o.OfficerId, o.Name, o.CentreName,
            IssueInMemory(issuing, CertificateProfiles.LoanOfficer, SubjectNames.LoanOfficer(o.CentreName, o.Name, o.OfficerId), options.KeyAlgorithm))).ToList();

        return new PkiComponents(root, issuing, ocsp, tsa, seals, officers);
    }

    /// <summary>Generates an in-memory key and has <paramref name="authority"/> certify it.</summary>
    public static CertifiedSigningKey IssueInMemory(CertificateAuthority authority, CertificateProfile profile, X509Name subject, KeyAlgorithm algorithm, TimeSpan? validity = null)
    {
        var key = InMemoryPrivateKey.Generate(algorithm);
        var certificate = authority.Issue(profile, subject, key.PublicKey, validity);
        return new CertifiedSigningKey(key, certificate, authority.Chain);
    }
}
