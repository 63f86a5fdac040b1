using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Jewelry.ServiceDefaults.Redaction;

/// <summary>
/// Redacts the message and stack trace of every exception recorded with <see cref="Activity.AddException"/>, by
/// this code or any library (Npgsql, RabbitMQ.Client, HttpClient), before the event exists. Span events cannot be
/// changed once added, so the redaction processor at the end of the pipeline would come too late for them;
/// .NET calls an <see cref="ActivityListener.ExceptionRecorder"/> first, and the tags it supplies are kept.
/// The listener samples nothing, so it never changes which spans are recorded.
/// </summary>
internal sealed class ExceptionEventRedaction(SensitiveDataRedactor redactor) : IHostedService, IDisposable
{
    private ActivityListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref _) => ActivitySamplingResult.None,
            ExceptionRecorder = Redact,
        };
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener?.Dispose();

    internal void Redact(Activity activity, Exception exception, ref TagList tags)
    {
        var (message, stackTrace) = redactor.RedactException(exception);
        tags.Add("exception.message", message);
        tags.Add("exception.stacktrace", stackTrace);
    }
}
