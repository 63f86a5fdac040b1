using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Jewelry.ServiceDefaults.Tracing;

/// <summary>
/// Puts the request's input on the server span (<see cref="InputParameters"/>): route values and query through
/// <see cref="ServerInputEnricher"/>, and the fields of a write request's JSON body. The body
/// is buffered so the endpoint still reads it in full; bodies that are not JSON or larger than
/// <see cref="InputParameters.MaxBodyBytes"/> are left alone and the span says why.
/// </summary>
internal sealed class RequestInputTracingMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            ServerInputEnricher.Enrich(activity, context.Request);
            if (IsWriteWithBody(context.Request))
            {
                await CaptureAsync(activity, context.Request);
            }
        }

        await next(context);
    }

    private static bool IsWriteWithBody(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)) &&
        request.ContentLength is not 0 &&
        request.HasJsonContentType();

    private static async Task CaptureAsync(Activity activity, HttpRequest request)
    {
        if (request.ContentLength > InputParameters.MaxBodyBytes)
        {
            activity.SetTag(InputParameters.BodyNotCapturedAttribute, $"larger than {InputParameters.MaxBodyBytes} bytes");
            return;
        }

        // A chunked body (what HttpClient sends for JsonContent) has no declared length: read one byte past the
        // limit to know whether it fits. Buffering keeps what was read for the endpoint, and nothing beyond it.
        request.EnableBuffering();
        var buffer = ArrayPool<byte>.Shared.Rent(InputParameters.MaxBodyBytes + 1);
        try
        {
            var read = await request.Body.ReadAtLeastAsync(
                buffer.AsMemory(0, InputParameters.MaxBodyBytes + 1), InputParameters.MaxBodyBytes + 1, throwOnEndOfStream: false,
                request.HttpContext.RequestAborted);
            if (read > InputParameters.MaxBodyBytes)
            {
                activity.SetTag(InputParameters.BodyNotCapturedAttribute, $"larger than {InputParameters.MaxBodyBytes} bytes");
            }
            else if (!InputParameters.TryAddJsonBody(activity, buffer.AsMemory(0, read)))
            {
                activity.SetTag(InputParameters.BodyNotCapturedAttribute, "not valid JSON");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            request.Body.Position = 0;
        }
    }
}
