using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Hosting;

/// <summary><c>OneThing:Api</c>: what the service tells strangers about itself.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "OneThing:Api";

    /// <summary>
    /// Serve the interactive API page (<c>/api-docs</c>) and the OpenAPI description
    /// (<c>/openapi/v1.json</c>) to anyone. Unset: on in Development, off elsewhere — a map of every
    /// route is for the centre's integrators, who can be given the file.
    /// </summary>
    public bool? PublicDocs { get; set; }

    public bool PublicDocsEnabled(IHostEnvironment environment) => PublicDocs ?? environment.IsDevelopment();
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options) => ValidateOptionsResult.Success;
}
