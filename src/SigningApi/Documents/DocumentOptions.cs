using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Documents;

/// <summary><c>OneThing:Signing</c>, the documents' part: how long a download link lives.</summary>
public sealed class DocumentOptions
{
    public const string SectionName = "OneThing:Signing";

    /// <summary>Lifetime of a bank's download link.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class DocumentOptionsValidator : IValidateOptions<DocumentOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentOptions o) =>
        o.DownloadLinkLifetime <= TimeSpan.Zero || o.DownloadLinkLifetime > TimeSpan.FromHours(24)
            ? ValidateOptionsResult.Fail("DownloadLinkLifetime must be between 0 and 24 hours")
            : ValidateOptionsResult.Success;
}
