using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Jewelry.UnitTests.ServiceDefaults;

public sealed class DevelopmentTokenEndpointTests
{
    [Theory]
    [InlineData("Development", true)]
    [InlineData("Staging", false)]
    [InlineData("Production", false)]
    public async Task The_token_endpoint_exists_only_in_Development(string environment, bool exists)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration["Authentication:Jwt:SigningKey"] = new string('k', 64);
        builder.AddDefaultAuthentication();
        await using var app = builder.Build();

        app.MapDevelopmentTokenEndpoint();

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>().Select(endpoint => endpoint.RoutePattern.RawText);
        Assert.Equal(exists, routes.Contains("/dev/token"));
    }
}
