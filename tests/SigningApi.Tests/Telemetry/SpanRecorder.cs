using System.Collections;
using System.Diagnostics;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>The in-memory exporter's target: ended spans, added from the service's threads while the test reads them.</summary>
public sealed class SpanRecorder : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<Activity> Snapshot()
    {
        lock (_lock) return [.. _spans];
    }

    public void Add(Activity item)
    {
        lock (_lock) _spans.Add(item);
    }

    public void Clear()
    {
        lock (_lock) _spans.Clear();
    }

    public int Count
    {
        get { lock (_lock) return _spans.Count; }
    }

    public bool IsReadOnly => false;

    public bool Contains(Activity item)
    {
        lock (_lock) return _spans.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_lock) _spans.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (_lock) return _spans.Remove(item);
    }

    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
