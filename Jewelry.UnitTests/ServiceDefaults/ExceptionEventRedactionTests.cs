using System.Diagnostics;
using Jewelry.ServiceDefaults.Redaction;
using Microsoft.Extensions.Options;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class ExceptionEventRedactionTests
{
    [Fact]
    public async Task An_exception_any_library_records_is_redacted_before_the_event_exists()
    {
        using var source = new ActivitySource("Test.ExceptionEventRedaction");
        using var recording = new ActivityListener
        {
            ShouldListenTo = listened => listened == source,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(recording);
        using var redaction = new ExceptionEventRedaction(new SensitiveDataRedactor(Options.Create(new RedactionOptions())));
        await redaction.StartAsync(CancellationToken.None);

        using var activity = source.StartActivity("query")!;
        activity.AddException(new InvalidOperationException("Key (email)=(ann@example.com) already exists."));

        var tags = activity.Events.Single().Tags.ToDictionary(tag => tag.Key, tag => tag.Value as string);
        Assert.Equal("Key (email)=([REDACTED]:email) already exists.", tags["exception.message"]);
        Assert.DoesNotContain("ann@example.com", tags["exception.stacktrace"], StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, tags["exception.type"]);
    }
}
