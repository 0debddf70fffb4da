using System.Diagnostics;
using System.Globalization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

// RabbitMQ throughput as OneThing uses the broker: persistent messages of an event's size to a durable
// queue, each publish waiting for the broker's confirm (as the outbox dispatcher's MassTransit publishes
// do), several publishers at once, one consumer acknowledging each message (prefetch 32).
// usage: BrokerThroughput <host> <port> [messages=20000] [publishers=8] [bytes=1500]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: BrokerThroughput <host> <port> [messages=20000] [publishers=8] [bytes=1500]");
    return 2;
}
var messages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000;
var publishers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 8;
var size = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1500;
var factory = new ConnectionFactory { HostName = args[0], Port = int.Parse(args[1], CultureInfo.InvariantCulture) };
var queue = $"throughput-{Guid.NewGuid():N}";
var body = new byte[size];
Random.Shared.NextBytes(body);

await using var consumerConnection = await factory.CreateConnectionAsync();
await using var consumerChannel = await consumerConnection.CreateChannelAsync();
await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
await consumerChannel.BasicQosAsync(0, 32, false);
var received = 0;
var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var consumer = new AsyncEventingBasicConsumer(consumerChannel);
consumer.ReceivedAsync += async (_, delivery) =>
{
    await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    if (Interlocked.Increment(ref received) == messages) allReceived.TrySetResult();
};
await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

await using var publisherConnection = await factory.CreateConnectionAsync();
var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };
var next = 0;
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, publishers).Select(async _ =>
{
    // Confirm tracking: each publish returns once the broker has taken responsibility for the message.
    await using var channel = await publisherConnection.CreateChannelAsync(new CreateChannelOptions(true, true));
    while (Interlocked.Increment(ref next) <= messages)
    {
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, body);
    }
}));
var published = clock.Elapsed;
await allReceived.Task.WaitAsync(TimeSpan.FromMinutes(5));
var consumed = clock.Elapsed;
await consumerChannel.QueueDeleteAsync(queue);

Console.WriteLine($"messages                {messages} x {size} bytes, persistent, durable queue");
Console.WriteLine($"publishers              {publishers} (confirm awaited per message)");
Console.WriteLine($"published               {messages / published.TotalSeconds:F0} msg/s ({published.TotalSeconds:F1} s)");
Console.WriteLine($"published and consumed  {messages / consumed.TotalSeconds:F0} msg/s ({consumed.TotalSeconds:F1} s)");
return 0;
