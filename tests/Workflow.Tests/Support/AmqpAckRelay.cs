using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// A TCP relay between one instance and RabbitMQ that reads the AMQP 0-9-1 frames the instance sends.
/// Passed through unchanged until armed; once armed, the next consumer acknowledgement (a basic.ack
/// method frame, class 60 method 80, which a consumer sends only after its handler returned, i.e. after
/// its commit) runs the given action — kill -9 of the instance — before the frame is passed on, and the
/// frame is never passed on: the broker sees the connection drop with the message unacknowledged, as
/// when an instance dies between its commit and the ack.
/// </summary>
public sealed class AmqpAckRelay : IAsyncDisposable
{
    private const byte MethodFrame = 1;
    private const ushort BasicClass = 60;
    private const ushort BasicAck = 80;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _brokerPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _intercepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action? _onAck;
    private readonly Task _accepting;

    public AmqpAckRelay(int brokerPort)
    {
        _brokerPort = brokerPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The port the instance connects to instead of the broker's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes once an acknowledgement was intercepted (the action ran and the frame was dropped).</summary>
    public Task Intercepted => _intercepted.Task;

    /// <summary>The next basic.ack from the instance runs <paramref name="onAck"/> and never reaches the broker.</summary>
    public void ArmKillOnNextAck(Action onAck)
    {
        lock (_gate) _onAck = onAck;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient instance;
            try
            {
                instance = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            var broker = new TcpClient();
            try
            {
                await broker.ConnectAsync(IPAddress.Loopback, _brokerPort, _stop.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                instance.Dispose();
                broker.Dispose();
                continue;
            }
            lock (_gate)
            {
                _sockets.Add(instance);
                _sockets.Add(broker);
            }
            _ = PumpAsync(broker.GetStream(), instance.GetStream(), instance, broker);
            _ = FramesAsync(instance.GetStream(), broker.GetStream(), instance, broker);
        }
    }

    /// <summary>Broker → instance: bytes as they come.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, TcpClient a, TcpClient b)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        Close(a, b);
    }

    /// <summary>Instance → broker: the protocol header, then frame by frame (type, channel, size, payload, end octet).</summary>
    private async Task FramesAsync(NetworkStream from, NetworkStream to, TcpClient a, TcpClient b)
    {
        try
        {
            var header = new byte[8];
            await from.ReadExactlyAsync(header, _stop.Token);
            await to.WriteAsync(header, _stop.Token);
            var frameHeader = new byte[7];
            while (true)
            {
                await from.ReadExactlyAsync(frameHeader, _stop.Token);
                var size = BinaryPrimitives.ReadInt32BigEndian(frameHeader.AsSpan(3));
                var rest = new byte[size + 1];
                await from.ReadExactlyAsync(rest, _stop.Token);
                if (frameHeader[0] == MethodFrame && size >= 4
                    && BinaryPrimitives.ReadUInt16BigEndian(rest) == BasicClass && BinaryPrimitives.ReadUInt16BigEndian(rest.AsSpan(2)) == BasicAck)
                {
                    Action? onAck;
                    lock (_gate)
                    {
                        onAck = _onAck;
                        _onAck = null;
                    }
                    if (onAck is not null)
                    {
                        onAck();
                        _intercepted.TrySetResult();
                        break;
                    }
                }
                await to.WriteAsync(frameHeader, _stop.Token);
                await to.WriteAsync(rest, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
        {
        }
        Close(a, b);
    }

    private static void Close(TcpClient a, TcpClient b)
    {
        a.Dispose();
        b.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_gate)
        {
            foreach (var s in _sockets) s.Dispose();
        }
        await _accepting;
        _stop.Dispose();
    }
}
