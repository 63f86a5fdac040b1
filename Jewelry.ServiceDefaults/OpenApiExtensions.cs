using Jewelry.ServiceDefaults;
using Jewelry.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    public static TBuilder AddDefaultOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(options => options
            .AddDocumentTransformer<BearerSecuritySchemeTransformer>()
            .AddSchemaTransformer<AllowedValuesSchemaTransformer>());
        return builder;
    }

    /// <summary>
    /// The OpenAPI document at /openapi/v1.json and, in Development, an interactive UI at /scalar to try the API.
    /// </summary>
    public static WebApplication MapDefaultOpenApi(this WebApplication app)
    {
        app.MapOpenApi();

        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference();
        }

        return app;
    }
}
