using System.Text.Json;
using System.Text.Json.Serialization;
using OneThing.ContractTemplates.Cases;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Intake;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>case-intake</c>: a <c>POST /api/v1/cases</c> body, read as the API reads it (web JSON defaults,
/// enums as strings) and checked by <see cref="CaseIntakeService.Validate"/>. Properties: a body the JSON
/// reader refuses is a <see cref="JsonException"/> (the API's 400), a refused case is a
/// <see cref="RequestValidationException"/> (the API's problem details), nothing else escapes; an accepted
/// case serialises to a form that reads back to the same serialisation and validates again without a
/// problem (the idempotency hash depends on it).
/// </summary>
public sealed class CaseIntakeTarget : IFuzzTarget
{
    // The development centre the seeds name: intake accepts only a centre the service is configured for.
    private static readonly CentreDirectory SampleCentre = new([CentreDirectory.DevelopmentCentre]);

    public const string HarnessName = "case-intake";

    private static readonly JsonSerializerOptions ApiJson = CreateApiJson();

    public string Name => HarnessName;

    // The harness class too: a body System.Text.Json (not instrumentable, it is in the shared framework)
    // refuses reaches no product code, and AFL++ needs every run to show some coverage.
    public IReadOnlyList<string> Instrumented =>
    [
        "OneThing.ContractTemplates.dll OneThing.ContractTemplates.Cases",
        "OneThing.SigningApi.dll OneThing.SigningApi.Intake.CaseIntakeService",
        "OneThing.Fuzz.Harnesses.dll OneThing.Fuzz.Harnesses.Targets.CaseIntakeTarget",
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        CaseIntakeRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<CaseIntakeRequest>(input, ApiJson);
        }
        catch (JsonException)
        {
            return;
        }
        if (request is null)
        {
            return;
        }
        ContractCase accepted;
        try
        {
            accepted = CaseIntakeService.Validate(request, SampleCentre).Case;
        }
        catch (RequestValidationException)
        {
            return;
        }
        var serialised = ContractCaseJson.Serialize(accepted);
        ContractCase again;
        try
        {
            again = ContractCaseJson.Parse(serialised);
        }
        catch (ContractCaseValidationException e)
        {
            throw new PropertyViolationException($"an accepted case does not read back from its own serialisation: {e.Problems[0].Path}: {e.Problems[0].Message}", e);
        }
        if (ContractCaseJson.Serialize(again) != serialised)
        {
            throw new PropertyViolationException("an accepted case serialises differently after a read-back (the intake hash would change)");
        }
        if (new ContractCaseValidator().Validate(again) is [var first, ..])
        {
            throw new PropertyViolationException($"an accepted case fails validation after a read-back: {first.Path}: {first.Message}");
        }
    }

    /// <summary>The API's request JSON: ASP.NET Core's web defaults plus the string enum converter the service registers.</summary>
    private static JsonSerializerOptions CreateApiJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
