using OneThing.Fuzz.Harnesses.Targets;

namespace OneThing.Fuzz.Harnesses;

/// <summary>Every harness, by name; each is created on first use so one harness never pays another's set-up.</summary>
public static class FuzzTargets
{
    private static readonly IReadOnlyDictionary<string, Func<IFuzzTarget>> Factories = new Dictionary<string, Func<IFuzzTarget>>
    {
        [PdfReaderTarget.HarnessName] = () => new PdfReaderTarget(),
        [VerificationTarget.HarnessName] = () => new VerificationTarget(),
        [CmsTarget.HarnessName] = () => new CmsTarget(),
        [TimestampRequestTarget.HarnessName] = () => new TimestampRequestTarget(),
        [OcspRequestTarget.HarnessName] = () => new OcspRequestTarget(),
        [HandwritingPngTarget.HarnessName] = () => new HandwritingPngTarget(),
        [CaseIntakeTarget.HarnessName] = () => new CaseIntakeTarget(),
        [ResidentIdTarget.HarnessName] = () => new ResidentIdTarget(),
    };

    public static IEnumerable<string> Names => Factories.Keys;

    public static IFuzzTarget Create(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"unknown harness '{name}'; known: {string.Join(", ", Names)}", nameof(name));
}
