using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneThing.SigningApi.Core.Coordination;

namespace OneThing.SigningApi.Persistence;

internal sealed class ServiceSecretConfiguration : IEntityTypeConfiguration<ServiceSecret>
{
    public void Configure(EntityTypeBuilder<ServiceSecret> b)
    {
        b.ToTable("service_secrets");
        // The name as primary key: of two instances making the same secret, one insert wins.
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(64);
    }
}

internal sealed class ServiceLeaseConfiguration : IEntityTypeConfiguration<ServiceLease>
{
    public void Configure(EntityTypeBuilder<ServiceLease> b)
    {
        b.ToTable("service_leases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(64);
        b.Property(l => l.Holder).HasMaxLength(128);
    }
}

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> b)
    {
        b.ToTable("rate_limit_windows");
        b.HasKey(w => w.Partition);
        b.Property(w => w.Partition).HasMaxLength(200);
        b.HasIndex(w => w.WindowEnd);
    }
}
