using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneThing.Storage.Tests.Catalog;

/// <summary>Makes the next database commits fail, as a dead database or a crash between object write and commit would.</summary>
public sealed class FailingCommitInterceptor : SaveChangesInterceptor
{
    public bool Armed { get; set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default) =>
        Armed
            ? throw new DbUpdateException("simulated: the database went away before the commit")
            : ValueTask.FromResult(result);
}
