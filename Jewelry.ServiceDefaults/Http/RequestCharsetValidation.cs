using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Jewelry.ServiceDefaults.Http;

/// <summary>
/// A body declared in a character set .NET does not know (<c>application/json; charset=nonsense</c>) is answered
/// 415 ProblemDetails before any endpoint reads it: the framework's JSON binding would throw on it, and the caller
/// would see a 500 for its own mistake.
/// </summary>
internal static class RequestCharsetValidation
{
    public static IApplicationBuilder UseRequestCharsetValidation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (UnknownCharset(context.Request.ContentType) is { } charset)
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status415UnsupportedMediaType,
                        Detail = $"The request body's charset '{charset}' is not supported; send UTF-8.",
                    },
                });
                return;
            }

            await next(context);
        });

    private static string? UnknownCharset(string? contentType)
    {
        // Most requests name no charset: no header parsing for them.
        if (contentType is null || !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
            || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return null;
        }

        var charset = mediaType.Charset.Value.Trim('"');
        try
        {
            Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            return charset;
        }
    }
}
