using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Intake;

/// <summary><c>OneThing:Signing</c>, intake's part: the centre policy a new case takes on.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "OneThing:Signing";

    /// <summary>Centre codes whose policy seals automatically right after the loan officer's countersignature.</summary>
    public List<string> AutoSealCentres { get; set; } = [];

    /// <summary>Largest intake request body (a case is a few KB of JSON); refused before it is read.</summary>
    public long MaxIntakeBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Any list of centre codes is valid (an unknown code simply never matches); the body cap must fit a case and stay small.</summary>
public sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions o) =>
        o.MaxIntakeBodyBytes is < 16 * 1024 or > 16 * 1024 * 1024
            ? ValidateOptionsResult.Fail("MaxIntakeBodyBytes must be between 16 KB and 16 MB")
            : ValidateOptionsResult.Success;
}
