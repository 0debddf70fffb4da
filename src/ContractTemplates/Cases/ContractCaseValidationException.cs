namespace OneThing.ContractTemplates.Cases;

/// <summary>The case cannot be rendered; <see cref="Problems"/> lists every problem found, not just the first.</summary>
public sealed class ContractCaseValidationException(IReadOnlyList<ValidationProblem> problems)
    : Exception(BuildMessage(problems))
{
    public IReadOnlyList<ValidationProblem> Problems { get; } = problems;

    private static string BuildMessage(IReadOnlyList<ValidationProblem> problems) =>
        $"the contract case has {problems.Count} problem(s): " + string.Join("; ", problems);
}
