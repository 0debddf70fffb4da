using System.Text.Json;
using OneThing.Contracts.Events.V1;

namespace OneThing.SigningApi.Core.Outbox;

/// <summary>
/// The public event types the outbox may carry, by contract name. Only these can be stored and
/// published, so a row can never name an arbitrary CLR type.
/// </summary>
public static class EventCatalog
{
    /// <summary>The same JSON shape MassTransit puts on the wire (camelCase).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyDictionary<string, Type> Types = typeof(ICaseEvent).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICaseEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.FullName!, t => t);

    public static string NameOf(Type type) =>
        Types.ContainsKey(type.FullName!) ? type.FullName! : throw new ArgumentException($"{type} is not a public case event", nameof(type));

    public static object Deserialize(string name, string body) =>
        Types.TryGetValue(name, out var type)
            ? JsonSerializer.Deserialize(body, type, Json) ?? throw new InvalidOperationException($"outbox body of {name} is null")
            : throw new InvalidOperationException($"outbox message type {name} is not a known case event");
}
