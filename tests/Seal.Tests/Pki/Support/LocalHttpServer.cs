using System.Net;
using System.Net.Sockets;

namespace OneThing.Seal.Tests.Pki.Support;

/// <summary>A tiny HTTP server on 127.0.0.1 that answers with whatever the test decides (honest or wrong).</summary>
public sealed class LocalHttpServer : IDisposable
{
    public sealed record Reply(int Status, string? ContentType, byte[] Body, TimeSpan Delay = default);

    private readonly HttpListener _listener = new();
    private readonly Func<string, string, byte[], Reply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    /// <param name="handler">(method, path, body) → reply.</param>
    public LocalHttpServer(Func<string, string, byte[], Reply> handler, int? port = null)
    {
        _handler = handler;
        Port = port ?? FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Url(string path = "/") => new($"http://127.0.0.1:{Port}{path}");

    public int Requests => Volatile.Read(ref _requests);

    public static int FreePort()
    {
        var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                Interlocked.Increment(ref _requests);
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                var reply = _handler(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body.ToArray());
                try
                {
                    if (reply.Delay > TimeSpan.Zero)
                    {
                        await Task.Delay(reply.Delay, _stop.Token);
                    }

                    context.Response.StatusCode = reply.Status;
                    if (reply.ContentType is not null)
                    {
                        context.Response.ContentType = reply.ContentType;
                    }

                    await context.Response.OutputStream.WriteAsync(reply.Body);
                    context.Response.Close();
                }
                catch (Exception)
                {
                    context.Response.Abort(); // client went away or the server is stopping
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // loop ended with the listener
        }
    }
}
