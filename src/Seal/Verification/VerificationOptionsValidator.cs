using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OneThing.Seal.Verification;

/// <summary>Rejects out-of-range <see cref="VerificationOptions"/> at start-up (data annotations on the class).</summary>
internal sealed class VerificationOptionsValidator : IValidateOptions<VerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, VerificationOptions options)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r => $"{VerificationOptions.Section}: {r.ErrorMessage}"));
    }
}
