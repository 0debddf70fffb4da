using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.PostSeal;

public enum AdapterMode
{
    /// <summary>Embedded stand-in that answers by itself after a delay (and says so).</summary>
    Simulated,

    /// <summary>The real system answers on the bus or over the API.</summary>
    External,
}

/// <summary><c>OneThing:Workflow</c>, the post-seal steps' part: how the mortgage registry and the bank are reached.</summary>
public sealed class PostSealOptions
{
    public const string SectionName = "OneThing:Workflow";

    public AdapterOptions Registry { get; set; } = new();
    public AdapterOptions Bank { get; set; } = new();
}

public sealed class AdapterOptions
{
    public AdapterMode Mode { get; set; } = AdapterMode.Simulated;

    /// <summary>How long the simulator takes to answer.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(2);
}

internal sealed class PostSealOptionsValidator : IValidateOptions<PostSealOptions>
{
    public ValidateOptionsResult Validate(string? name, PostSealOptions o)
    {
        var failures = new List<string>();
        foreach (var (label, adapter) in new[] { ("Registry", o.Registry), ("Bank", o.Bank) })
        {
            if (!Enum.IsDefined(adapter.Mode)) failures.Add($"{label}:Mode must be Simulated or External");
            if (adapter.Delay < TimeSpan.Zero || adapter.Delay > TimeSpan.FromHours(1)) failures.Add($"{label}:Delay must be between 0 and 1 hour");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
