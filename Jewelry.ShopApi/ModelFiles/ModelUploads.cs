using System.Diagnostics;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>
/// A customer uploads a 3D model: it is streamed into storage while it is checked, and recorded only once stored
/// whole. The span <c>store model</c> says the file's size, format, SHA-256, how long the service waited for the
/// client and how long storage took; never its content.
/// </summary>
public sealed partial class ModelUploads(NpgsqlDataSource database, IModelStorage storage, IOptions<ModelStorageOptions> options)
{
    public async Task<ModelUploadOutcome> UploadAsync(Guid customerId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        if (!FileNamePattern().IsMatch(fileName) || ModelFormats.ClaimedBy(fileName) is not { } claimedFormat)
        {
            return ModelUploadOutcome.Refused(StatusCodes.Status400BadRequest,
                "The model must be an .stl, .obj or .3mf file, named with letters, digits, spaces, '-', '_' and '.' (at most 200).");
        }

        var modelId = Guid.CreateVersion7();
        await using var upload = new InspectedUploadStream(content, claimedFormat, options.Value.MaxBytes);
        if (await StoreAsync(modelId, claimedFormat, upload, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var model = new ModelFile(modelId, fileName, ModelFormats.NameOf(upload.Format!.Value), upload.BytesRead, upload.Sha256!, DateTime.UtcNow);
        try
        {
            await RecordAsync(customerId, model, cancellationToken);
        }
        catch
        {
            await storage.DeleteAsync(modelId, CancellationToken.None);
            throw;
        }

        return ModelUploadOutcome.Stored(model);
    }

    /// <summary>The file into storage, under the span <c>store model</c>; null when stored, else why not.</summary>
    private async Task<ModelUploadOutcome?> StoreAsync(
        Guid modelId, ModelFormat claimedFormat, InspectedUploadStream upload, CancellationToken cancellationToken)
    {
        using var activity = ShopTelemetry.Source.StartActivity("store model");
        activity?.SetTag(ModelSpanAttributes.Id, modelId.ToString());
        activity?.SetTag(ModelSpanAttributes.ClaimedFormat, ModelFormats.NameOf(claimedFormat));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await storage.SaveAsync(modelId, upload, cancellationToken);
            return null;
        }
        catch (ModelRefusedException refused)
        {
            Fail(activity, refused.ErrorType, refused.Message);
            return ModelUploadOutcome.Refused(refused.StatusCode, refused.Message);
        }
        catch (UploadInterruptedException interrupted) when (interrupted.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // Kestrel's body limit, just above the model limit, stopped the request before the count did.
            Fail(activity, "model_too_large", "The request body passed the server's limit.");
            return ModelUploadOutcome.Refused(StatusCodes.Status413PayloadTooLarge, "The request body is larger than a model may be.");
        }
        catch (UploadInterruptedException interrupted) when (interrupted.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout })
        {
            Fail(activity, "client_too_slow", "The client sent the file more slowly than the server's minimum data rate.");
            return ModelUploadOutcome.Refused(StatusCodes.Status408RequestTimeout, "The upload arrived too slowly and was stopped; try again.");
        }
        catch (UploadInterruptedException interrupted)
        {
            Fail(activity, "upload_interrupted", interrupted.Message);
            return ModelUploadOutcome.Refused(StatusCodes.Status400BadRequest, interrupted.Message);
        }
        catch (ModelStorageException failure)
        {
            // Recorded on the server span by the exception handler, which answers 503.
            Fail(activity, failure.InnerException!.GetType().FullName!, failure.Message);
            throw;
        }
        finally
        {
            Describe(activity, upload, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task RecordAsync(Guid customerId, ModelFile model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO models (id, customer_id, file_name, format, size_bytes, sha256, created_at)
            VALUES (@Id, @customerId, @FileName, @Format, @SizeBytes, @Sha256, @CreatedAt)
            """,
            new { model.Id, customerId, model.FileName, model.Format, model.SizeBytes, model.Sha256, model.CreatedAt },
            cancellationToken: cancellationToken));
    }

    private static void Describe(Activity? activity, InspectedUploadStream upload, TimeSpan elapsed)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ModelSpanAttributes.SizeBytes, upload.BytesRead);
        if (upload.Format is { } format)
        {
            activity.SetTag(ModelSpanAttributes.Format, ModelFormats.NameOf(format));
        }

        activity.SetTag(ModelSpanAttributes.Sha256, upload.Sha256);
        activity.SetTag(ModelSpanAttributes.ClientSeconds, Math.Round(upload.ClientWait.TotalSeconds, 3));
        activity.SetTag(ModelSpanAttributes.StorageSeconds, Math.Round((elapsed - upload.ClientWait).TotalSeconds, 3));
    }

    private static void Fail(Activity? activity, string errorType, string description)
    {
        activity?.SetStatus(ActivityStatusCode.Error, description);
        activity?.SetTag("error.type", errorType);
    }

    [GeneratedRegex(@"^[\w\-. ]{1,196}\.[A-Za-z0-9]{3}$")]
    private static partial Regex FileNamePattern();
}

/// <summary>What an upload came to: the stored model, or refused with the status and the reason.</summary>
public sealed record ModelUploadOutcome(ModelFile? Model, int RefusalStatus, string? RefusalReason)
{
    public static ModelUploadOutcome Stored(ModelFile model) => new(model, 0, null);

    public static ModelUploadOutcome Refused(int status, string reason) => new(null, status, reason);
}
