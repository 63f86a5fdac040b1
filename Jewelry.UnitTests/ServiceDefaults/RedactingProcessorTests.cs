using System.Diagnostics;
using Jewelry.ServiceDefaults.Redaction;
using Microsoft.Extensions.Options;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class RedactingProcessorTests
{
    private static RedactingProcessor Processor(string? hashKey = null) =>
        new(new SensitiveDataRedactor(Options.Create(new RedactionOptions { HashKey = hashKey })));

    [Theory]
    [InlineData("jewelry.request.body.password", "password")]
    [InlineData("jewelry.request.body.card.number", "number")]
    [InlineData("jewelry.request.body.phones.0", "phones")]
    [InlineData("http.request.header.authorization", "authorization")]
    public void The_parameter_name_is_the_last_segment_that_is_not_an_index(string attribute, string name) =>
        Assert.Equal(name, SensitiveDataRedactor.ParameterName(attribute).ToString());

    [Fact]
    public void Attributes_named_after_a_sensitive_parameter_are_masked_whatever_the_value_type()
    {
        using var activity = new Activity("test");
        activity.SetTag("jewelry.request.body.password", "hunter2");
        activity.SetTag("jewelry.request.body.cvv", 123);
        activity.SetTag("jewelry.request.body.apiKeys.0", "k-1");
        activity.SetTag("jewelry.request.body.name", "Signet ring");
        activity.SetTag("jewelry.request.body.fullName", "Anna Ivanova");
        activity.SetTag("jewelry.request.body.customPiece.engraving_text", "Anna & Mikhail");

        Processor().OnEnd(activity);

        Assert.Equal(SensitiveDataRedactor.Mask, activity.GetTagItem("jewelry.request.body.password"));
        Assert.Equal(SensitiveDataRedactor.Mask, activity.GetTagItem("jewelry.request.body.cvv"));
        Assert.Equal(SensitiveDataRedactor.Mask, activity.GetTagItem("jewelry.request.body.fullName"));
        Assert.Equal(SensitiveDataRedactor.Mask, activity.GetTagItem("jewelry.request.body.customPiece.engraving_text"));
        Assert.Equal("Signet ring", activity.GetTagItem("jewelry.request.body.name"));
    }

    [Fact]
    public void Hashed_names_are_masked_when_no_key_is_configured()
    {
        using var activity = new Activity("test");
        activity.SetTag("jewelry.request.body.email", "ann@example.com");

        Processor(hashKey: null).OnEnd(activity);

        Assert.Equal(SensitiveDataRedactor.Mask, activity.GetTagItem("jewelry.request.body.email"));
    }

    [Fact]
    public void Hashes_differ_with_the_key_so_they_cannot_be_looked_up_without_it()
    {
        string Hash(string key)
        {
            using var activity = new Activity("test");
            activity.SetTag("jewelry.request.query.email", "ann@example.com");
            Processor(key).OnEnd(activity);
            return (string)activity.GetTagItem("jewelry.request.query.email")!;
        }

        Assert.StartsWith(SensitiveDataRedactor.HashPrefix, Hash("one"));
        Assert.NotEqual(Hash("one"), Hash("two"));
    }
}
