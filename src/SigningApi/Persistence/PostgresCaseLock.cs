using Npgsql;
using OneThing.SigningApi.Core.Coordination;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// <see cref="ICaseLock"/> on PostgreSQL: a session advisory lock on its own pooled connection, held
/// for the signature's work. The server drops it with the connection, so an instance killed while
/// signing frees the case at once. Keys are (namespace, hash of the case id); a hash collision
/// between two cases only makes one wait for the other.
/// </summary>
internal sealed class PostgresCaseLock(string connectionString) : ICaseLock
{
    public async Task<IAsyncDisposable> AcquireAsync(Guid caseId, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@ns, @key)", connection))
            {
                command.Parameters.AddWithValue("ns", AdvisoryLockKeys.CaseNamespace);
                command.Parameters.AddWithValue("key", AdvisoryLockKeys.Of(caseId));
                await command.ExecuteNonQueryAsync(ct);
            }
            return new Held(connection, caseId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, Guid caseId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@ns, @key)", connection);
                command.Parameters.AddWithValue("ns", AdvisoryLockKeys.CaseNamespace);
                command.Parameters.AddWithValue("key", AdvisoryLockKeys.Of(caseId));
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                // Unlocked or not, a closed session holds no advisory lock; the pool resets the connection.
                await connection.DisposeAsync();
            }
        }
    }
}

/// <summary>The advisory lock keys the service uses on PostgreSQL, one namespace per purpose.</summary>
internal static class AdvisoryLockKeys
{
    public const int CaseNamespace = 0x4F54_0001;
    public const int AuditChainNamespace = 0x4F54_0002;

    public static int Of(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes) ^ BitConverter.ToInt32(bytes[4..]) ^ BitConverter.ToInt32(bytes[8..]) ^ BitConverter.ToInt32(bytes[12..]);
    }
}
