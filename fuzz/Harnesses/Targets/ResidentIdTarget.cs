using System.Text;
using IntakeId = OneThing.ContractTemplates.Cases.ResidentIdNumber;
using CertificateId = OneThing.Seal.Pki.Certificates.ResidentIdNumber;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>resident-id</c>: GB 11643 ID numbers as text, checked at intake (ContractTemplates) and again before a
/// certificate binds a person to one (Seal.Pki). Properties: neither check throws on any text (null,
/// empty, any UTF-16); a number intake accepts is accepted for a certificate unchanged; intake's answer
/// and the birth date it reads agree (an accepted number has one).
/// The amounts (<c>Fen</c>, <c>ChineseCapitalAmount</c>) take integers from the JSON reader, not text: the
/// case-intake harness covers them.
/// </summary>
public sealed class ResidentIdTarget : IFuzzTarget
{
    public const string HarnessName = "resident-id";

    public string Name => HarnessName;

    public IReadOnlyList<string> Instrumented =>
        ["OneThing.ContractTemplates.dll OneThing.ContractTemplates.Cases.ResidentIdNumber", "OneThing.Seal.Pki.dll OneThing.Seal.Pki.Certificates.ResidentIdNumber"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        var problem = IntakeId.Problem(text);
        var birth = IntakeId.BirthDate(text);
        var certifiable = CertificateId.IsValid(text);
        if (problem is null)
        {
            if (!certifiable)
            {
                throw new PropertyViolationException($"intake accepts '{text}' but a certificate could not be issued for it");
            }
            if (CertificateId.Normalize(text) != text)
            {
                throw new PropertyViolationException($"intake accepts '{text}' but the certificate would carry it changed");
            }
            if (birth is null)
            {
                throw new PropertyViolationException($"intake accepts '{text}' without a birth date in it");
            }
        }
    }
}
