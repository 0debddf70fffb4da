
namespace OneThing.SigningApi.Core;

/// <summary>One document's prepared placeholder revision, valid only while the document is still at <c>Revision</c>.</summary>
public sealed record PreparedDocument(string Kind, int Revision, string Sha256, byte[] State);
