namespace Jewelry.ShopApi.ModelFiles;

/// <summary>Why an upload was refused, with the status the customer gets and the <c>error.type</c> its span gets.</summary>
public sealed class ModelRefusedException(int statusCode, string errorType, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ErrorType { get; } = errorType;
}

/// <summary>The client stopped sending before the file was whole (cut off, aborted, or too slow for the server).</summary>
public sealed class UploadInterruptedException(Exception inner) : Exception("The upload was cut off before the file was complete.", inner);

/// <summary>The storage could not take or give a model: not the customer's fault, and nothing half-written is kept.</summary>
public sealed class ModelStorageException(string message, Exception inner) : Exception(message, inner);
