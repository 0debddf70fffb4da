using OneThing.ContractTemplates.Cases;

namespace OneThing.ContractTemplates.Tests.Support;

/// <summary>The sample cases shipped under samples/.</summary>
public static class Samples
{
    public const string Couple = "deyang-couple-equal-instalment.json";
    public const string Single = "guanghan-single-equal-principal.json";

    public static ContractCase Load(string name) => ContractCaseJson.Parse(File.ReadAllText(RepositoryPaths.Sample(name)));
}
