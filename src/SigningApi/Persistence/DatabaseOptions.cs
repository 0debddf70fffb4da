namespace OneThing.SigningApi.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary><c>OneThing:Database</c>. With no connection string the embedded SQLite file in the data folder is used.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "OneThing:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string; empty means the embedded SQLite file.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending EF Core migrations at start (on by default; operators may run them out of band instead).</summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsEmbedded => string.IsNullOrWhiteSpace(ConnectionString);
}
