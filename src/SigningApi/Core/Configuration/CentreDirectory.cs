namespace OneThing.SigningApi.Core.Configuration;

/// <summary>
/// The configured centres by code. A case is scoped by its centre code; the seal and officer keys
/// are found through the name configured for that code, never through the name the case JSON
/// carries, so an approval system cannot get one centre's case sealed with another centre's key.
/// </summary>
public sealed class CentreDirectory
{
    /// <summary>The sample centre of the development PKI and the samples/ cases.</summary>
    public static readonly CentreOptions DevelopmentCentre = new() { Code = "12510600MB0K3C2D4E", Name = "德阳市住房公积金管理中心" };

    private readonly Dictionary<string, string> _names;
    private readonly Dictionary<string, CentreOptions> _centres;

    public CentreDirectory(IEnumerable<CentreOptions> centres)
    {
        _centres = centres.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _names = _centres.ToDictionary(c => c.Key, c => c.Value.Name, StringComparer.Ordinal);
    }

    public IEnumerable<CentreOptions> All => _centres.Values;

    /// <summary>Whether the centre with this code signs in the SM2 family (a code not served is international).</summary>
    public bool IsSm2(string centreCode) => _centres.GetValueOrDefault(centreCode)?.Algorithm == AlgorithmFamilies.Sm2;

    public IReadOnlyList<CentreOptions> Sm2Centres => [.. _centres.Values.Where(c => c.Algorithm == AlgorithmFamilies.Sm2)];

    /// <summary>From configuration; in Development an empty list means the sample centre, elsewhere start-up stops.</summary>
    public static CentreDirectory Resolve(OneThingOptions options, IHostEnvironment environment, IServiceCollection services)
    {
        if (options.Centres.Count > 0) return new CentreDirectory(options.Centres);
        if (!environment.IsDevelopment())
            throw new StartupConfigurationException($"configuration {OneThingOptions.SectionName}:Centres: at least one centre (Code and Name) is required outside Development");
        services.AddSingleton(new EmbeddedDefault("centres", $"the sample centre {DevelopmentCentre.Name} ({DevelopmentCentre.Code})"));
        return new CentreDirectory([DevelopmentCentre]);
    }

    /// <summary>The configured name of the centre with this code, or null when the service does not serve it.</summary>
    public string? NameOf(string centreCode) => _names.GetValueOrDefault(centreCode);

    /// <summary>The configured name; a case of an unknown centre cannot exist past intake, so this is a server fault.</summary>
    public string RequireNameOf(string centreCode) =>
        NameOf(centreCode) ?? throw new InvalidOperationException($"centre {centreCode} is not configured (OneThing:Centres)");
}
