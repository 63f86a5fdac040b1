using System.Security.Claims;
using Jewelry.ServiceDefaults.Security;
using Jewelry.ShopApi.ModelFiles;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Jewelry.ShopApi.Apis;

/// <summary>Customers' 3D models: upload one for a custom piece; the workshop downloads it to make the piece.</summary>
public static class ModelsApi
{
    /// <summary>
    /// Room for the multipart boundaries and part headers around the file, for what the multipart reader reads ahead
    /// of the file's end, and for what Kestrel reads ahead of the application (a chunked body counts against the limit
    /// as Kestrel buffers it, up to its 1 MiB request buffer): the upload's own count then refuses an oversized file
    /// before Kestrel's limit does, and the span says how far the file got.
    /// </summary>
    private const long MultipartAllowance = 2 * 1024 * 1024;

    private const string FileField = "file";

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("3D models").RetryingReadsOnLostConnection();

        models.MapPost("", Upload)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Customer))
            .Accepts<ModelUploadForm>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("UploadModel")
            .WithSummary("Uploads a 3D model (STL, OBJ or 3MF, at most 100 MiB) as the multipart field 'file'.")
            .WithDescription("The type is checked by content, not by name: a file that is no model is 415, one whose content is not what its name says is 400, one too large is 413. Put the returned id on a custom piece's order.");

        models.MapGet("/{modelId:guid}", GetModel)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Customer, Roles.Operator, Roles.Admin))
            .WithName("GetModel")
            .WithSummary("Gets a model's name, format, size and SHA-256 (customers: only their own).");

        models.MapGet("/{modelId:guid}/content", DownloadModel)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Customer, Roles.Operator, Roles.Admin))
            .WithName("DownloadModel")
            .WithSummary("Downloads a model's file (customers: only their own; the workshop: any).");

        return app;
    }

    private static async Task<Results<Created<ModelFile>, ProblemHttpResult>> Upload(
        HttpRequest request, ClaimsPrincipal user, ModelUploads uploads, IOptions<ModelStorageOptions> options, CancellationToken cancellationToken)
    {
        if (!user.TryGetCustomerId(out var customerId))
        {
            return TypedResults.Problem("The token's subject is not a customer id.", statusCode: StatusCodes.Status403Forbidden);
        }

        var largestBody = options.Value.MaxBytes + MultipartAllowance;
        if (request.ContentLength > largestBody)
        {
            return TooLarge(options.Value);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = largestBody;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return TypedResults.Problem($"Send the model as multipart/form-data, in a file field named '{FileField}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await NextSectionAsync(reader, cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) &&
                disposition.IsFileDisposition() &&
                HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FileField, StringComparison.Ordinal))
            {
                var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(
                    disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                var outcome = await uploads.UploadAsync(customerId, fileName, section.Body, cancellationToken);
                return outcome switch
                {
                    { Model: { } model } => TypedResults.Created($"/api/models/{model.Id}", model),
                    { RefusalStatus: StatusCodes.Status413PayloadTooLarge } => TooLarge(options.Value),
                    _ => TypedResults.Problem(outcome.RefusalReason, statusCode: outcome.RefusalStatus),
                };
            }
        }

        return TypedResults.Problem($"The request has no file field named '{FileField}'.", statusCode: StatusCodes.Status400BadRequest);
    }

    /// <summary>The next part of the form, or null at its end; a body cut off or malformed before the file is a 400.</summary>
    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            throw new BadHttpRequestException($"The multipart body could not be read: {exception.Message}", exception);
        }
    }

    private static ProblemHttpResult TooLarge(ModelStorageOptions options) => TypedResults.Problem(
        $"A model may be at most {options.MaxBytes / (1024 * 1024)} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static async Task<Results<Ok<ModelFile>, NotFound>> GetModel(
        Guid modelId, ClaimsPrincipal user, NpgsqlDataSource database, CancellationToken cancellationToken) =>
        await ModelFileQueries.GetAsync(database, modelId, OwnerFilterOf(user), cancellationToken) is { } model
            ? TypedResults.Ok(model)
            : TypedResults.NotFound();

    private static async Task<Results<FileStreamHttpResult, NotFound>> DownloadModel(
        Guid modelId, ClaimsPrincipal user, NpgsqlDataSource database, IModelStorage storage, HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (await ModelFileQueries.GetAsync(database, modelId, OwnerFilterOf(user), cancellationToken) is not { } model ||
            await storage.OpenReadAsync(modelId, cancellationToken) is not { } content)
        {
            return TypedResults.NotFound();
        }

        // RFC 9530: the receiver can check that what arrived is what was uploaded.
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(model.Sha256))}:";
        return TypedResults.File(content, ModelFormats.MediaTypeOf(ModelFormats.Named(model.Format)), model.FileName);
    }

    /// <summary>Customers see only their own models; the workshop (operators, admins) sees every one.</summary>
    private static Guid? OwnerFilterOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Admin)
            ? null
            : user.TryGetCustomerId(out var customerId) ? customerId : Guid.Empty;
}
