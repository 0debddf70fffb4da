using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OneThing.SigningApi.Audit;

/// <summary>
/// The chain hash: SHA-256 (lower-case hex) of the UTF-8 JSON array
/// <c>[chainIndex, previousHash, at (UTC, ISO 8601 with 7 fractional digits), caseId|null, action, actor,
/// actorRole, clientAddress, userAgent, detail, documentHashes, verificationResults]</c>.
/// The genesis entry's previous hash is 64 zeros. Any language can recompute it.
/// </summary>
public static class AuditHash
{
    public static readonly string Genesis = new('0', 64);

    public static string Compute(AuditEntry e, long chainIndex, string previousHash)
    {
        object?[] fields =
        [
            chainIndex, previousHash, e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            e.CaseId?.ToString("D"), e.Action, e.Actor, e.ActorRole, e.ClientAddress, e.UserAgent, e.Detail, e.DocumentHashes, e.VerificationResults,
        ];
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));
    }
}
