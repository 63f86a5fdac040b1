namespace Jewelry.ShopApi.ModelFiles;

public sealed class ModelStorageOptions
{
    public const string SectionName = "ModelStorage";

    /// <summary>The directory of the file-system storage; by default under the user's local application data.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "jewelry", "models", "shop-api");

    /// <summary>The largest model a customer may upload.</summary>
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How old an unfinished upload must be before it counts as abandoned and is deleted.</summary>
    public TimeSpan AbandonedUploadAge { get; set; } = TimeSpan.FromHours(24);
}
