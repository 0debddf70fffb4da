using System.Security.Claims;
using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Records that an applicant opened a document (they must have read each before signing). Serving the
/// document is the documents feature's job; what reading means for signing is applicant signing's.
/// </summary>
public interface IDocumentReadReceipts
{
    Task MarkReadAsync(SigningCase c, ClaimsPrincipal user, string kind, ClientInfo client, CancellationToken ct);
}
