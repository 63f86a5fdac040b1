using System.Net.Sockets;
using Jewelry.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;
using RabbitMQ.Client.Exceptions;

namespace Jewelry.UnitTests.Messaging;

public sealed class BrokerStartupConnectionTests
{
    private static readonly TimeSpan ShortDelay = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void A_broker_that_is_still_booting_is_tried_again_until_it_answers()
    {
        var attempts = 0;

        var connection = BrokerStartupConnection.Open(
            _ => ++attempts <= 3 ? throw new BrokerUnreachableException(new SocketException((int)SocketError.ConnectionRefused)) : Task.FromResult("connected"),
            NullLogger.Instance, ShortDelay, TimeSpan.FromMinutes(1));

        Assert.Equal("connected", connection);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public void A_handshake_that_a_busy_broker_cut_short_is_tried_again()
    {
        var attempts = 0;

        var connection = BrokerStartupConnection.Open(
            _ => ++attempts == 1 ? throw new TaskCanceledException("handshake timed out") : Task.FromResult("connected"),
            NullLogger.Instance, ShortDelay, TimeSpan.FromMinutes(1));

        Assert.Equal("connected", connection);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void A_broker_that_never_answers_fails_the_start_once_the_time_is_up()
    {
        var attempts = 0;

        Assert.Throws<TimeoutRejectedException>(() => BrokerStartupConnection.Open<string>(
            _ => { attempts++; throw new SocketException((int)SocketError.ConnectionRefused); },
            NullLogger.Instance, ShortDelay, TimeSpan.FromMilliseconds(300)));

        Assert.True(attempts > 1, $"{attempts} attempt(s)");
    }

    [Fact]
    public void A_refusal_that_waiting_cannot_mend_fails_at_once()
    {
        var attempts = 0;

        var refused = Assert.Throws<BrokerUnreachableException>(() => BrokerStartupConnection.Open<string>(
            _ => { attempts++; throw new BrokerUnreachableException(new AuthenticationFailureException("ACCESS_REFUSED")); },
            NullLogger.Instance, ShortDelay, TimeSpan.FromMinutes(1)));

        Assert.IsType<AuthenticationFailureException>(refused.InnerException);
        Assert.Equal(1, attempts);
    }
}
