using YamlDotNet.RepresentationModel;

namespace Jewelry.Tests.TracingPipeline;

/// <summary>
/// A collector-layout YAML file (the collector's, or Jaeger's, which is a collector too) as nested maps, with
/// the checks every such file must pass: each pipeline and each listed extension names a component the file
/// defines. Files given together are merged the way <c>--config</c> given twice merges them: maps deeply,
/// anything else replaced by the later file.
/// </summary>
internal sealed class PipelineConfig(Dictionary<string, object?> root)
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Telemetry");

    public Dictionary<string, object?> Root { get; } = root;

    public static PipelineConfig Load(params string[] relativePaths)
    {
        var merged = new Dictionary<string, object?>();
        foreach (var path in relativePaths)
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(Path.Combine(Directory, path));
            stream.Load(reader);
            Merge(merged, (Dictionary<string, object?>)Convert(stream.Documents[0].RootNode)!);
        }

        return new PipelineConfig(merged);
    }

    public object? At(params string[] path)
    {
        object? node = Root;
        foreach (var key in path)
        {
            node = node is Dictionary<string, object?> map && map.TryGetValue(key, out var child)
                ? child
                : throw new KeyNotFoundException($"No '{string.Join(".", path)}' in the configuration.");
        }

        return node;
    }

    public Dictionary<string, object?> Map(params string[] path) => (Dictionary<string, object?>)At(path)!;

    public IReadOnlyList<string> List(params string[] path) => ((List<object?>)At(path)!).Cast<string>().ToList();

    /// <summary>Every component a pipeline or the service names, which the file does not define.</summary>
    public IEnumerable<string> UndefinedComponents()
    {
        foreach (var (pipeline, value) in Map("service", "pipelines"))
        {
            var stages = (Dictionary<string, object?>)value!;
            foreach (var kind in new[] { "receivers", "processors", "exporters" })
            {
                IEnumerable<string> defined = Root.TryGetValue(kind, out var section) && section is Dictionary<string, object?> components ? components.Keys : [];
                var used = stages.TryGetValue(kind, out var names) && names is List<object?> list ? list.Cast<string>() : [];
                foreach (var name in used.Except(defined))
                {
                    yield return $"{pipeline}: {kind} '{name}'";
                }
            }
        }

        IEnumerable<string> extensions = Root.TryGetValue("extensions", out var extensionSection) && extensionSection is Dictionary<string, object?> map ? map.Keys : [];
        foreach (var name in List("service", "extensions").Except(extensions))
        {
            yield return $"service: extension '{name}'";
        }
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => Convert(pair.Value)),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    private static void Merge(Dictionary<string, object?> into, Dictionary<string, object?> from)
    {
        foreach (var (key, value) in from)
        {
            if (value is Dictionary<string, object?> map && into.TryGetValue(key, out var existing) && existing is Dictionary<string, object?> target)
            {
                Merge(target, map);
            }
            else
            {
                into[key] = value;
            }
        }
    }
}
