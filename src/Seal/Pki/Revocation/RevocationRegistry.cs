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
/// Without a journal path the registry lives in memory (tests, benchmarks). Attached to a shared
/// <see cref="ICertificateLedger"/> (<see cref="UseLedger"/>), it answers from the ledger, so several
/// instances of the service see one record; the journal then stays this CA's local copy.
/// </summary>
public sealed class RevocationRegistry
{
    private static readonly JsonSerializerOptions JsonOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly ConcurrentDictionary<BigInteger, IssuedCertificateRecord> _records = new();
    private readonly string? _journalPath;
    private readonly Lock _writeLock = new();
    private long _version;
    private (string CaName, ICertificateLedger Ledger)? _shared;

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
    public long Version => _shared is { } shared ? shared.Ledger.RevocationVersion(shared.CaName) : Interlocked.Read(ref _version);

    public IssuedCertificateRecord? Find(BigInteger serialNumber) =>
        _shared is { } shared ? shared.Ledger.Find(shared.CaName, serialNumber) : _records.GetValueOrDefault(serialNumber);

    public IReadOnlyList<IssuedCertificateRecord> All =>
        _shared is { } shared ? shared.Ledger.All(shared.CaName) : [.. _records.Values.OrderBy(r => r.Subject, StringComparer.Ordinal)];

    public IReadOnlyList<IssuedCertificateRecord> Revoked =>
        _shared is { } shared ? shared.Ledger.Revoked(shared.CaName) : [.. _records.Values.Where(r => r.IsRevoked).OrderBy(r => r.RevokedAt)];

    /// <summary>
    /// From now on records and answers through <paramref name="ledger"/> as CA <paramref name="caName"/>,
    /// after copying into it everything this registry's journal knows (issued, then revoked), so
    /// certificates recorded before, or revoked offline with <c>onething pki revoke</c>, are in it too.
    /// </summary>
    public void UseLedger(string caName, ICertificateLedger ledger)
    {
        lock (_writeLock)
        {
            ledger.Import(caName, [.. _records.Values]);
            _shared = (caName, ledger);
        }
    }

    public void RecordIssued(X509Certificate certificate, string profile)
    {
        var entry = new JournalEntry("issued", certificate.SerialNumber.ToString(16), profile, certificate.SubjectDN.ToString(), certificate.NotAfter, null, null);
        Persist(entry);
        Apply(entry);
        if (_shared is { } shared) shared.Ledger.RecordIssued(shared.CaName, _records[certificate.SerialNumber]);
    }

    /// <summary>Marks a certificate revoked from <paramref name="at"/>; unknown or already revoked serials are an error.</summary>
    public IssuedCertificateRecord Revoke(BigInteger serialNumber, RevocationReason reason, DateTime at)
    {
        if (_shared is { } shared)
        {
            // The ledger decides (another instance may have issued or revoked it); the journal keeps a local copy when it knows the certificate.
            var revoked = shared.Ledger.Revoke(shared.CaName, serialNumber, reason, at);
            lock (_writeLock)
            {
                if (_records.TryGetValue(serialNumber, out var local) && !local.IsRevoked)
                {
                    var copy = new JournalEntry("revoked", local.SerialHex, null, null, null, at.ToUniversalTime(), reason);
                    Persist(copy);
                    Apply(copy);
                }
            }
            return revoked;
        }

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
