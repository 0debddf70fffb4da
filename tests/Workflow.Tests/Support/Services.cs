namespace OneThing.Workflow.Tests.Support;

/// <summary>The services test.sh starts (scripts/services/*.sh); a test needing one fails clearly when it is absent.</summary>
public static class Services
{
    public sealed record RabbitMq(string Host, int Port, string Ctl);

    public static RabbitMq RequireRabbitMq()
    {
        var host = Environment.GetEnvironmentVariable("ONETHING_RABBITMQ_HOST");
        var port = Environment.GetEnvironmentVariable("ONETHING_RABBITMQ_PORT");
        var ctl = Environment.GetEnvironmentVariable("ONETHING_RABBITMQ_CTL");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || string.IsNullOrEmpty(ctl))
            Assert.Fail("RabbitMQ is required: run `eval \"$(scripts/services/start-rabbitmq.sh)\"` first (test.sh does) to set ONETHING_RABBITMQ_HOST/_PORT/_CTL");
        return new RabbitMq(host!, int.Parse(port!, System.Globalization.CultureInfo.InvariantCulture), ctl!);
    }

    public static string RequirePostgres()
    {
        var connection = Environment.GetEnvironmentVariable("ONETHING_POSTGRES_CONNECTION");
        if (string.IsNullOrEmpty(connection))
            Assert.Fail("PostgreSQL is required: run `eval \"$(scripts/services/start-postgres.sh)\"` first (test.sh does) to set ONETHING_POSTGRES_CONNECTION");
        return connection!;
    }

    public static Dictionary<string, string?> RabbitMqSettings(RabbitMq broker, string queuePrefix) => new()
    {
        ["OneThing:Workflow:Transport"] = "RabbitMq",
        ["OneThing:Workflow:RabbitMq:Host"] = broker.Host,
        ["OneThing:Workflow:RabbitMq:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OneThing:Workflow:QueuePrefix"] = queuePrefix,
        ["OneThing:Workflow:Outbox:PublishTimeout"] = "00:00:03",
        ["OneThing:Workflow:Outbox:RetryDelay"] = "00:00:01",
    };

    /// <summary>Runs rabbitmqctl against the private broker (e.g. stop_app / start_app for an outage).</summary>
    public static async Task CtlAsync(RabbitMq broker, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(broker.Ctl, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) Assert.Fail($"rabbitmqctl {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
    }
}
