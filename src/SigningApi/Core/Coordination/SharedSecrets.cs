using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core.Coordination;

/// <summary>
/// Secrets made once and then read by every instance from the case database: the first instance to
/// need one inserts it, any instance racing it loses on the primary key and reads the winner's. Read
/// on first use (the schema brought up to date first), then kept for the life of the process.
/// </summary>
public sealed class SharedSecrets(IServiceScopeFactory scopes, DatabaseSchema schema, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _cache = new(StringComparer.Ordinal);

    /// <param name="create">Makes the value when no instance has stored one yet (random bytes, or a key file an older version left).</param>
    public byte[] GetOrCreate(string name, Func<byte[]> create) =>
        _cache.GetOrAdd(name, n => new Lazy<byte[]>(() => Load(n, create))).Value;

    private byte[] Load(string name, Func<byte[]> create)
    {
        schema.EnsureCurrent();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        if (Find(db, name) is { } stored) return stored;
        db.Add(new ServiceSecret { Name = name, Value = create(), CreatedAt = time.GetUtcNow() });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another instance stored its value first; every instance uses that one.
            db.ChangeTracker.Clear();
        }
        return Find(db, name) ?? throw new InvalidOperationException($"The shared secret '{name}' could be neither stored nor read.");
    }

    private static byte[]? Find(SigningDbContext db, string name) =>
        db.Set<ServiceSecret>().AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefault();

    public static byte[] RandomKey() => RandomNumberGenerator.GetBytes(32);
}
