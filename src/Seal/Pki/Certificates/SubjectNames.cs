using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace OneThing.Seal.Pki.Certificates;

/// <summary>Distinguished names for each kind of certificate; Chinese names are encoded as UTF8String.</summary>
public static class SubjectNames
{
    public const string Organization = "OneThing e-sign";

    public static X509Name Authority(string commonName) =>
        Build((X509Name.C, "CN"), (X509Name.O, Organization), (X509Name.CN, commonName));

    /// <summary>A centre's seal: the centre's name is the organisation and the common name, the seal code the serialNumber.</summary>
    public static X509Name CentreSeal(string centreName, string sealCode) =>
        Build((X509Name.C, "CN"), (X509Name.O, Required(centreName, nameof(centreName))), (X509Name.OU, "合同专用章"),
            (X509Name.CN, centreName), (X509Name.SerialNumber, Required(sealCode, nameof(sealCode))));

    public static X509Name LoanOfficer(string centreName, string officerName, string officerId) =>
        Build((X509Name.C, "CN"), (X509Name.O, Required(centreName, nameof(centreName))), (X509Name.CN, Required(officerName, nameof(officerName))),
            (X509Name.SerialNumber, Required(officerId, nameof(officerId))));

    /// <summary>An applicant: name and resident ID number (checked), which is what the event certificate binds.</summary>
    public static X509Name Applicant(string name, string idNumber) =>
        Build((X509Name.C, "CN"), (X509Name.CN, Required(name, nameof(name))), (X509Name.SerialNumber, ResidentIdNumber.Normalize(idNumber)));

    /// <summary>The value of an attribute of <paramref name="name"/>, e.g. the serialNumber of a seal or applicant.</summary>
    public static string? Get(X509Name name, DerObjectIdentifier attribute) => name.GetValueList(attribute).FirstOrDefault();

    private static string Required(string value, string parameter) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"'{parameter}' must not be empty.", parameter) : value.Trim();

    private static X509Name Build(params (DerObjectIdentifier Oid, string Value)[] parts) =>
        new(parts.Select(p => p.Oid).ToList(), parts.Select(p => p.Value).ToList());
}
