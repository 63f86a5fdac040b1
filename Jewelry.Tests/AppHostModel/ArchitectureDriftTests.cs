using System.Text.RegularExpressions;
using Jewelry.AppHost.Infrastructure;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// The C4 container diagram (docs/architecture/containers.puml) against the AppHost's Containers-mode model:
/// every resource and every reference between resources is drawn, and nothing drawn as a resource is missing
/// from the model. Diagram elements that stand for resources use the resource's name as alias (res_ + name with
/// - as _); people, front ends and the dashboard are not resources and are not compared.
/// </summary>
public sealed partial class ArchitectureDriftTests
{
    private const string AliasPrefix = "res_";
    private static readonly string DiagramPath = Path.Combine(AppContext.BaseDirectory, "architecture", "containers.puml");

    [Fact]
    public async Task The_diagram_shows_exactly_the_resources_of_the_model()
    {
        await using var model = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}=Containers");
        var diagram = File.ReadAllText(DiagramPath);

        var inModel = ModelResources(model).Select(resource => resource.Name).ToHashSet();
        var drawn = ElementPattern().Matches(diagram).Select(match => ResourceName(match.Groups["alias"].Value)).ToHashSet();

        Assert.Empty(inModel.Except(drawn));
        Assert.Empty(drawn.Except(inModel));
    }

    [Fact]
    public async Task The_diagram_shows_exactly_the_references_between_resources()
    {
        await using var model = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}=Containers");
        var diagram = File.ReadAllText(DiagramPath);

        var resources = ModelResources(model).ToList();
        var inModel = resources
            .SelectMany(resource => References(resource).Where(resources.Contains).Select(target => $"{resource.Name} -> {target.Name}"))
            .ToHashSet();
        var drawn = RelationPattern().Matches(diagram)
            .Where(match => match.Groups["from"].Value.StartsWith(AliasPrefix, StringComparison.Ordinal) &&
                            match.Groups["to"].Value.StartsWith(AliasPrefix, StringComparison.Ordinal))
            .Select(match => $"{ResourceName(match.Groups["from"].Value)} -> {ResourceName(match.Groups["to"].Value)}")
            .ToHashSet();

        Assert.Empty(inModel.Except(drawn));
        Assert.Empty(drawn.Except(inModel));
    }

    /// <summary>
    /// Parameters (keys, passwords) are configuration, and resources left out of the manifest (Aspire's
    /// per-project "rebuilder") are F5 tooling: neither is part of the architecture.
    /// </summary>
    private static IEnumerable<IResource> ModelResources(DistributedApplicationModelSnapshot model) =>
        model.Resources.Where(resource => resource is not ParameterResource &&
            !resource.Annotations.OfType<ManifestPublishingCallbackAnnotation>().Any(annotation => annotation == ManifestPublishingCallbackAnnotation.Ignore));

    /// <summary>
    /// What a resource uses: its references (connection strings, endpoints) and what it waits for. A reference to
    /// a database's server comes with the reference to the database, and the diagram draws the database inside
    /// its server, so the server reference is implied.
    /// </summary>
    private static IEnumerable<IResource> References(IResource resource)
    {
        var used = resource.Annotations.OfType<ResourceRelationshipAnnotation>().Where(relation => relation.Type == "Reference").Select(relation => relation.Resource)
            .Concat(resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource))
            .Distinct()
            .ToList();
        var parentsOfUsed = used.OfType<IResourceWithParent>().Select(child => child.Parent).ToHashSet();
        return used.Where(target => !parentsOfUsed.Contains(target));
    }

    private static string ResourceName(string alias) => alias[AliasPrefix.Length..].Replace('_', '-');

    [GeneratedRegex(@"^\s*(?:Container|ContainerDb|ContainerQueue|Container_Boundary|System|SystemDb|SystemQueue)\s*\(\s*(?<alias>res_\w+)\s*,", RegexOptions.Multiline)]
    private static partial Regex ElementPattern();

    [GeneratedRegex(@"^\s*(?:Rel|BiRel)(?:_\w+)?\s*\(\s*(?<from>\w+)\s*,\s*(?<to>\w+)\s*,", RegexOptions.Multiline)]
    private static partial Regex RelationPattern();
}
