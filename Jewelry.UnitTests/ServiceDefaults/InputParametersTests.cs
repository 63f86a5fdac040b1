using System.Diagnostics;
using System.Text;
using Jewelry.ServiceDefaults.Tracing;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class InputParametersTests
{
    [Fact]
    public void Nested_objects_and_arrays_become_dotted_paths()
    {
        using var activity = new Activity("test");

        var parsed = InputParameters.TryAddJsonBody(activity, Encoding.UTF8.GetBytes(
            """{"items":[{"catalogItemId":4,"quantity":1}],"customPiece":{"material":"gold-750","engraved":true,"note":null}}"""));

        Assert.True(parsed);
        Assert.Equal("4", activity.GetTagItem("jewelry.request.body.items.0.catalogItemId"));
        Assert.Equal("1", activity.GetTagItem("jewelry.request.body.items.0.quantity"));
        Assert.Equal("gold-750", activity.GetTagItem("jewelry.request.body.customPiece.material"));
        Assert.Equal("true", activity.GetTagItem("jewelry.request.body.customPiece.engraved"));
        Assert.Equal("null", activity.GetTagItem("jewelry.request.body.customPiece.note"));
    }

    [Fact]
    public void A_body_is_bounded_in_fields_and_value_length()
    {
        using var activity = new Activity("test");
        var fields = string.Join(",", Enumerable.Range(0, 40).Select(index => $"\"f{index}\":\"{new string('v', 300)}\""));

        InputParameters.TryAddJsonBody(activity, Encoding.UTF8.GetBytes($"{{{fields}}}"));

        var bodyFields = activity.TagObjects.Where(tag => tag.Key.StartsWith(InputParameters.BodyPrefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(InputParameters.MaxFields, bodyFields.Count);
        Assert.Equal(InputParameters.MaxValueLength + 1, ((string)bodyFields[0].Value!).Length);
        Assert.Equal(true, activity.GetTagItem(InputParameters.BodyTruncatedAttribute));
    }

    [Fact]
    public void Text_that_is_not_json_adds_nothing()
    {
        using var activity = new Activity("test");

        Assert.False(InputParameters.TryAddJsonBody(activity, Encoding.UTF8.GetBytes("{not json")));
        Assert.Empty(activity.TagObjects);
    }

    [Fact]
    public void A_string_escaping_half_a_surrogate_pair_is_recorded_as_written_instead_of_failing()
    {
        using var activity = new Activity("test");

        Assert.True(InputParameters.TryAddJsonBody(activity, Encoding.UTF8.GetBytes("""{"name":"\ud800"}""")));
        Assert.Equal("\"\\ud800\"", activity.GetTagItem("jewelry.request.body.name"));
    }

    [Fact]
    public void A_string_of_invalid_utf8_is_recorded_as_unreadable_instead_of_failing()
    {
        using var activity = new Activity("test");

        byte[] body = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.True(InputParameters.TryAddJsonBody(activity, body));
        Assert.Equal(InputParameters.UnreadableText, activity.GetTagItem("jewelry.request.body.name"));
    }

    [Fact]
    public void Query_values_are_decoded_and_repeated_names_keep_every_value()
    {
        using var activity = new Activity("test");

        InputParameters.AddQuery(activity, "?material=gold%20750&size=17&size=18&flag");

        Assert.Equal("gold 750", activity.GetTagItem("jewelry.request.query.material"));
        Assert.Equal("17,18", activity.GetTagItem("jewelry.request.query.size"));
        Assert.Equal("", activity.GetTagItem("jewelry.request.query.flag"));
    }
}
