extern alias MesApi;

using System.Net;
using MesApi::Jewelry.MesApi.Partners;
using Microsoft.Extensions.Options;

namespace Jewelry.UnitTests.Partners;

/// <summary>The partner callback allow-list on its own: which hosts and addresses MES may call.</summary>
public sealed class PartnerCallbackAllowListTests
{
    [Theory]
    [InlineData("https://hooks.goldsmiths.example/callbacks", true)]
    [InlineData("https://HOOKS.goldsmiths.example/callbacks", true)]
    [InlineData("https://orders.partner.example/cb", true)]
    [InlineData("https://partner.example.attacker.example/cb", false)]
    [InlineData("https://attacker.example/cb", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    public void Only_configured_partner_hosts_may_be_called(string url, bool allowed)
    {
        var allowList = AllowList(new PartnerCallbackOptions { AllowedHosts = ["hooks.goldsmiths.example", "*.partner.example"] });

        Assert.Equal(allowed, allowList.RefusalOf(new Uri(url)) is null);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_listed_private_address_is_refused_unless_private_addresses_are_allowed(bool allowPrivate, bool allowed)
    {
        var allowList = AllowList(new PartnerCallbackOptions { AllowedHosts = ["10.0.0.7"], AllowPrivateAddresses = allowPrivate });

        Assert.Equal(allowed, allowList.RefusalOf(new Uri("http://10.0.0.7/callbacks")) is null);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.128.0.1", false)]
    [InlineData("2001:4860:4860::8888", false)]
    public void Loopback_link_local_private_and_shared_addresses_are_internal(string address, bool isInternal) =>
        Assert.Equal(isInternal, PartnerCallbackAllowList.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public async Task A_listed_name_that_resolves_to_an_internal_address_is_refused_when_connecting()
    {
        // "localhost" passes the list, as a partner's name that later points inside the network (DNS rebinding) would.
        var allowList = AllowList(new PartnerCallbackOptions { AllowedHosts = ["localhost"] });
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = allowList.ConnectAsync });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://localhost:9/callbacks"));

        Assert.Contains("Refused to call 'localhost'", refused.Message, StringComparison.Ordinal);
    }

    private static PartnerCallbackAllowList AllowList(PartnerCallbackOptions options) => new(new FixedOptions(options));

    private sealed class FixedOptions(PartnerCallbackOptions value) : IOptionsMonitor<PartnerCallbackOptions>
    {
        public PartnerCallbackOptions CurrentValue => value;

        public PartnerCallbackOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PartnerCallbackOptions, string?> listener) => null;
    }
}
