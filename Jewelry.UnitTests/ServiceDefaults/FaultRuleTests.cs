using Jewelry.ServiceDefaults.FaultInjection;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class FaultRuleTests
{
    [Theory]
    [InlineData("*", "GET", "/api/orders/", true)]
    [InlineData("GET /api/customers/{id:guid}", "GET", "/api/customers/{id:guid}", true)]
    [InlineData("GET /api/customers/{id:guid}", "POST", "/api/customers/{id:guid}", false)]
    [InlineData("/api/customers/{id:guid}", "DELETE", "/api/customers/{id:guid}", true)]
    [InlineData("/api/customers/", "GET", "/api/customers/{id:guid}", false)]
    [InlineData("http:crm-api", "GET", "/api/orders/", false)]
    public void An_endpoint_rule_matches_its_method_and_route_template(string target, string method, string route, bool matches) =>
        Assert.Equal(matches, new FaultRule { Target = target }.MatchesEndpoint(method, route));

    [Theory]
    [InlineData("http:crm-api", "crm-api", "CrmClient", true)]
    [InlineData("http:CrmClient", "localhost", "CrmClient", true)]
    [InlineData("http:partner-callbacks", "crm-api", "CrmClient", false)]
    [InlineData("*", "crm-api", "CrmClient", false)]
    public void A_dependency_rule_matches_the_host_or_the_client_name(string target, string host, string client, bool matches) =>
        Assert.Equal(matches, new FaultRule { Target = target }.MatchesDependency(host, client));
}
