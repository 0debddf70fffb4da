namespace OneThing.LoadDriver;

/// <summary>How simulated people pause between steps.</summary>
public enum PacingMode
{
    /// <summary>Each pause is drawn uniformly from half to one and a half times the think time, and each
    /// worker starts after a random delay of up to ten think times (about one case's length), so the
    /// signers drift apart as people do.</summary>
    Random,

    /// <summary>Every pause is exactly the think time and all workers start at once: the signers stay in
    /// step and press each button together, the worst burst the service can get at that load.</summary>
    Lockstep,
}

/// <summary>A person's pauses: none when the run measures saturation (think time zero).</summary>
public sealed class Pacing(TimeSpan think, PacingMode mode)
{
    /// <summary>The longest start delay, in think times: roughly the pauses of one applicant's path.</summary>
    private const int StaggerSteps = 10;

    public TimeSpan Think => think;

    public PacingMode Mode => mode;

    public Task PauseAsync(CancellationToken ct) =>
        think <= TimeSpan.Zero ? Task.CompletedTask
        : Task.Delay(mode == PacingMode.Lockstep ? think : think * (0.5 + System.Random.Shared.NextDouble()), ct);

    public Task StaggerAsync(CancellationToken ct) =>
        think <= TimeSpan.Zero || mode == PacingMode.Lockstep ? Task.CompletedTask
        : Task.Delay(think * StaggerSteps * System.Random.Shared.NextDouble(), ct);

    public static bool TryParseMode(string value, out PacingMode mode) =>
        Enum.TryParse(value, ignoreCase: true, out mode) && Enum.IsDefined(mode);
}
