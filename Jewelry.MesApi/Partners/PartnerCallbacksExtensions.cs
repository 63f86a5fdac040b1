namespace Jewelry.MesApi.Partners;

public static class PartnerCallbacksExtensions
{
    /// <summary>
    /// B2B partner orders and the callbacks that tell partners of every status change: the allow-list of hosts MES
    /// may call (configuration section <c>PartnerCallbacks</c>), the sender, and the operators' view of failed ones.
    /// </summary>
    public static IHostApplicationBuilder AddPartnerCallbacks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PartnerCallbackOptions>().BindConfiguration(PartnerCallbackOptions.SectionName);
        builder.Services.AddScoped<PartnerOrders>();
        builder.Services.AddScoped<FailedPartnerCallbacks>();
        builder.Services.AddSingleton<PartnerCallbackAllowList>();
        builder.Services.AddHostedService<PartnerCallbackSender>();

        // Partners are outside: their own timeout and retry budget replace the defaults for internal calls, and every
        // connection goes through the allow-list.
        var callbacks = builder.Configuration.GetSection(PartnerCallbackOptions.SectionName).Get<PartnerCallbackOptions>() ?? new();
        builder.Services.AddHttpClient(PartnerCallbackOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                ConnectCallback = services.GetRequiredService<PartnerCallbackAllowList>().ConnectAsync,
            })
            .AddDependencyResilience(resilience =>
            {
                resilience.AttemptTimeout.Timeout = callbacks.AttemptTimeout;
                resilience.Retry.MaxRetryAttempts = callbacks.RetriesPerDelivery;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.TotalRequestTimeout.Timeout = callbacks.AttemptTimeout * (callbacks.RetriesPerDelivery + 2);
                resilience.CircuitBreaker.SamplingDuration = callbacks.AttemptTimeout * 4;
            });

        return builder;
    }
}
