using Jewelry.ServiceDefaults.FaultInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>Where the AppHost's dashboard commands change a service's faults at run time (Development only).</summary>
    public const string FaultsEndpointPath = "/dev/faults";

    /// <summary>
    /// Fault injection for reproducing errors and timeouts (<see cref="FaultInjectionOptions"/>): endpoint latency
    /// and error rate, latency on outgoing HTTP dependencies. Not registered at all in Production.
    /// </summary>
    public static TBuilder AddFaultInjection<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (builder.Environment.IsProduction())
        {
            return builder;
        }

        builder.Services.AddOptions<FaultInjectionOptions>().BindConfiguration(FaultInjectionOptions.SectionName);
        builder.Services.AddSingleton<FaultInjector>();
        return builder;
    }

    /// <summary>Inside each attempt of the resilience pipeline, so an injected delay can trip the attempt timeout.</summary>
    internal static IHttpClientBuilder AddFaultInjectionHandler(this IHttpClientBuilder http) =>
        http.AddHttpMessageHandler(services => services.GetService<FaultInjector>() is { } faults
            ? new FaultInjectionHandler(faults, http.Name)
            : new PassThroughHandler());

    internal static WebApplication UseFaultInjection(this WebApplication app)
    {
        if (app.Services.GetService<FaultInjector>() is null)
        {
            return app;
        }

        app.UseMiddleware<FaultInjectionMiddleware>();
        if (app.Environment.IsDevelopment())
        {
            var faults = app.MapGroup(FaultsEndpointPath).WithTags("Development").ExcludeFromDescription();
            faults.MapGet("/", (FaultInjector injector) => TypedResults.Ok(injector.Rules));
            faults.MapPut("/", Results<Ok<IReadOnlyList<FaultRule>>, ValidationProblem> (FaultRule[] rules, FaultInjector injector) =>
            {
                if (rules.Any(rule => rule.ErrorRate is < 0 or > 1 || rule.Latency < TimeSpan.Zero))
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["rules"] = ["ErrorRate must be between 0 and 1 and Latency must not be negative."],
                    });
                }

                injector.Replace(rules);
                return TypedResults.Ok(injector.Rules);
            });
            faults.MapDelete("/", (FaultInjector injector) =>
            {
                injector.Reset();
                return TypedResults.Ok(injector.Rules);
            });
        }

        return app;
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
