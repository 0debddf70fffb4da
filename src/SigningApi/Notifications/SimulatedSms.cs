using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Notifications;

/// <summary>A message the simulated gateway "sent".</summary>
public sealed record SentSms(DateTimeOffset SentAt, string Phone, string Text);

/// <summary>A row of the simulated gateway's outbox.</summary>
public sealed class SimulatedSmsMessage
{
    public long Id { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public required string Phone { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// Embedded mode: no SMS gateway; messages are kept in the case database (the newest
/// <see cref="Capacity"/>) and listed by the development endpoint so a tester (or test) can read the
/// link or code a phone would have received, whichever instance behind a proxy sent it.
/// </summary>
public sealed class SimulatedSmsSender(IServiceScopeFactory scopes, TimeProvider time, ILogger<SimulatedSmsSender> logger) : ISmsSender
{
    internal const int Capacity = 1000;

    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var message = new SimulatedSmsMessage { SentAt = time.GetUtcNow(), Phone = phone, Text = text };
        db.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        // Keep the newest messages only; ids grow, so everything this far below the new one is older.
        var old = db.Set<SimulatedSmsMessage>().Where(m => m.Id <= message.Id - Capacity);
        await db.WriteAsync(c => old.ExecuteDeleteAsync(c), () => old.ExecuteDelete(), cancellationToken);
        logger.LogInformation("Simulated SMS to {Phone}", PhoneMask.Mask(phone));
    }

    public async Task<IReadOnlyList<SentSms>> SentAsync(string? phone, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        return await db.Set<SimulatedSmsMessage>().AsNoTracking()
            .Where(m => phone == null || m.Phone == phone)
            .OrderByDescending(m => m.Id).Take(Capacity)
            .Select(m => new SentSms(m.SentAt, m.Phone, m.Text)).ToListAsync(cancellationToken);
    }
}

internal sealed class SimulatedSmsMessageConfiguration : IEntityTypeConfiguration<SimulatedSmsMessage>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<SimulatedSmsMessage> b)
    {
        b.ToTable("simulated_sms");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.Phone, m.Id });
        b.Property(m => m.Phone).HasMaxLength(32);
        b.Property(m => m.Text).HasMaxLength(1000);
    }
}
