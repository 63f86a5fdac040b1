using System.Net;
using System.Net.Sockets;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// A port in front of a real server that takes connections but answers nothing until <see cref="Answer"/>: a server
/// too busy to answer within the client's connect timeout, as PostgreSQL is on a machine starting everything at once.
/// From then on each connection is forwarded to the real server.
/// </summary>
public sealed class SlowToAnswerServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private Task _accepting = Task.CompletedTask;

    public SlowToAnswerServer(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        // Listening without accepting: the kernel completes the handshake, the client then waits for an answer.
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Answer() => _accepting = AcceptAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        var forwarding = new List<Task>();
        try
        {
            while (true)
            {
                forwarding.Add(ForwardAsync(await _listener.AcceptTcpClientAsync(cancellationToken), cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(forwarding).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(_targetHost, _targetPort, cancellationToken);
            var (clientStream, serverStream) = (client.GetStream(), server.GetStream());
            // Either side closing ends the pair (a connection the client gave up on while waiting ends at once).
            await Task.WhenAny(clientStream.CopyToAsync(serverStream, cancellationToken), serverStream.CopyToAsync(clientStream, cancellationToken));
        }
    }
}
