using Jewelry.Contracts.Validation;

namespace Jewelry.ShopApi.ModelFiles;

/// <summary>The 3D model formats the workshop prints and casts from.</summary>
public enum ModelFormat
{
    Stl,
    Obj,
    ThreeMf,
}

public static class ModelFormats
{
    /// <summary>Every format's name, as <see cref="NameOf"/> gives it.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<ModelFormat>().Select(NameOf)];

    /// <summary>The name used in the API, the database and spans: <c>stl</c>, <c>obj</c>, <c>3mf</c>.</summary>
    public static string NameOf(ModelFormat format) => format switch
    {
        ModelFormat.Stl => "stl",
        ModelFormat.Obj => "obj",
        _ => "3mf",
    };

    /// <summary>The format a stored model's name stands for (the reverse of <see cref="NameOf"/>).</summary>
    public static ModelFormat Named(string name) => name switch
    {
        "stl" => ModelFormat.Stl,
        "obj" => ModelFormat.Obj,
        "3mf" => ModelFormat.ThreeMf,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a model format's name."),
    };

    public static string MediaTypeOf(ModelFormat format) => format switch
    {
        ModelFormat.Stl => "model/stl",
        ModelFormat.Obj => "model/obj",
        _ => "model/3mf",
    };

    /// <summary>The format a file name claims by its extension, or null for any other name.</summary>
    public static ModelFormat? ClaimedBy(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".stl" => ModelFormat.Stl,
        ".obj" => ModelFormat.Obj,
        ".3mf" => ModelFormat.ThreeMf,
        _ => null,
    };
}

/// <summary>A property that names one of the model formats (<see cref="ModelFormats.Names"/>).</summary>
public sealed class ModelFormatNameAttribute() : OneOfAttribute(ModelFormats.Names);
