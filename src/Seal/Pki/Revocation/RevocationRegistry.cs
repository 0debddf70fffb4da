using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using OneThing.Durability;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// The issued/revoked state of every certificate of one CA. Persisted as an append-only JSON-lines
/// journal (one line per issuance or revocation, flushed to disk before the call returns), so a
/// crash can lose nothing already acknowledged and a half-written last line is the only damage possible.
/// Without a journal path the registry lives in memory (tests, benchmarks).
/// </summary>
public sealed class RevocationRegistry
{
    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ConcurrentDictionary<BigInteger, IssuedCertificateRecord> _records = new();
    private readonly string? _journalPath;
    private readonly Lock _writeLock = new();
    private long _version;

    private RevocationRegistry(string? journalPath) => _journalPath = journalPath;

    public static RevocationRegistry InMemory() => new(null);

    /// <summary>Opens (or starts) the journal at <paramref name="journalPath"/> and replays it.</summary>
    public static RevocationRegistry Open(string journalPath)
    {
        var registry = new RevocationRegistry(journalPath);
        if (File.Exists(journalPath))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(journalPath))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                JournalEntry entry;
                try
                {
                    entry = JsonSerializer.Deserialize<JournalEntry>(line, JsonOptions) ?? throw new JsonException("empty entry");
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"The revocation journal {journalPath} is damaged at line {lineNumber}: {e.Message}", e);
                }

                registry.Apply(entry);
            }
        }

        return registry;
    }

    /// <summary>Changes each time a certificate is revoked, so CRL caches know when to regenerate.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IssuedCertificateRecord? Find(BigInteger serialNumber) => _records.GetValueOrDefault(serialNumber);

    public IReadOnlyList<IssuedCertificateRecord> All => [.. _records.Values.OrderBy(r => r.Subject, StringComparer.Ordinal)];

    public IReadOnlyList<IssuedCertificateRecord> Revoked => [.. _records.Values.Where(r => r.IsRevoked).OrderBy(r => r.RevokedAt)];

    public void RecordIssued(X509Certificate certificate, string profile)
    {
        var entry = new JournalEntry("issued", certificate.SerialNumber.ToString(16), profile, certificate.SubjectDN.ToString(), certificate.NotAfter, null, null);
        Persist(entry);
        Apply(entry);
    }

    /// <summary>Marks a certificate revoked from <paramref name="at"/>; unknown or already revoked serials are an error.</summary>
    public IssuedCertificateRecord Revoke(BigInteger serialNumber, RevocationReason reason, DateTime at)
    {
        lock (_writeLock)
        {
            var record = Find(serialNumber) ?? throw new KeyNotFoundException($"No certificate with serial number {serialNumber.ToString(16)} was issued by this CA.");
            if (record.IsRevoked)
            {
                throw new InvalidOperationException($"The certificate {record.SerialHex} ({record.Subject}) is already revoked since {record.RevokedAt:u}.");
            }

            var entry = new JournalEntry("revoked", record.SerialHex, null, null, null, at.ToUniversalTime(), reason);
            Persist(entry);
            Apply(entry);
            return Find(serialNumber)!;
        }
    }

    private void Persist(JournalEntry entry)
    {
        if (_journalPath is null)
        {
            return;
        }

        var line = JsonSerializer.Serialize(entry, JsonOptions) + "\n";
        lock (_writeLock)
        {
            var creating = !File.Exists(_journalPath);
            using (var stream = new FileStream(_journalPath, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(line));
                stream.Flush(flushToDisk: true);
            }
            // A new journal's name is durable only once its folder is.
            if (creating) DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(_journalPath))!);
        }
    }

    private void Apply(JournalEntry entry)
    {
        var serial = new BigInteger(entry.Serial, 16);
        switch (entry.Event)
        {
            case "issued":
                _records[serial] = new IssuedCertificateRecord(serial, entry.Profile ?? "", entry.Subject ?? "", entry.NotAfter ?? DateTime.MaxValue);
                break;
            case "revoked":
                if (_records.TryGetValue(serial, out var record))
                {
                    _records[serial] = record with { RevokedAt = entry.At, Reason = entry.Reason };
                    Interlocked.Increment(ref _version);
                }

                break;
            default:
                throw new InvalidDataException($"Unknown revocation journal event '{entry.Event}'.");
        }
    }

    private sealed record JournalEntry(
        string Event,
        string Serial,
        string? Profile,
        string? Subject,
        DateTime? NotAfter,
        DateTime? At,
        RevocationReason? Reason);
}
