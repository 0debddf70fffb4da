namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// Two in-process instances on a fresh PostgreSQL database and one shared document folder, each with a data
/// folder of its own (nothing passes between them through a shared disk) and started one after the other as an
/// operator would. Disposing it stops both and removes every folder it made.
/// </summary>
public sealed class InstancePair : IDisposable
{
    private readonly List<string> _folders = [];
    private readonly List<IDisposable> _hosts = [];

    /// <summary>Starts the two instances with <paramref name="extra"/> over the shared database and document settings.</summary>
    public (WorkflowHost One, WorkflowHost Two) Start(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var documents = WorkflowHost.NewDataDirectory();
        _folders.Add(documents);
        var settings = new Dictionary<string, string?>
        {
            ["OneThing:Database:Provider"] = "PostgreSql",
            ["OneThing:Database:ConnectionString"] = $"{Services.RequirePostgres()};Database=onething_cluster_{Guid.NewGuid():N}",
            ["OneThing:DocumentStore:FileSystem:RootPath"] = documents,
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var hosts = new List<WorkflowHost>();
        for (var n = 0; n < 2; n++)
        {
            var data = WorkflowHost.NewDataDirectory();
            _folders.Add(data);
            var host = new WorkflowHost(data, settings);
            _hosts.Add(host);
            _ = host.Server;
            hosts.Add(host);
        }
        return (hosts[0], hosts[1]);
    }

    /// <summary>A created folder removed with the pair.</summary>
    public string NewFolder()
    {
        var folder = WorkflowHost.NewDataDirectory();
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        foreach (var folder in _folders.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
    }
}
