using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Intake;

/// <summary><c>OneThing:Signing</c>, intake's part: the centre policy a new case takes on.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "OneThing:Signing";

    /// <summary>Centre codes whose policy seals automatically right after the loan officer's countersignature.</summary>
    public List<string> AutoSealCentres { get; set; } = [];
}

/// <summary>Any list of centre codes is valid (an unknown code simply never matches); kept so intake's options go through the same start-up path as every other.</summary>
public sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions o) => ValidateOptionsResult.Success;
}
