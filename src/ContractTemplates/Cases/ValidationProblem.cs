namespace OneThing.ContractTemplates.Cases;

/// <summary>One thing wrong with a case: the JSON-style field path (e.g. <c>coBorrowers[0].idNumber</c>) and plain words.</summary>
public sealed record ValidationProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
