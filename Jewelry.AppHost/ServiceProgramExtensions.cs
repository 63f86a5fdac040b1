using System.Reflection;

namespace Jewelry.AppHost;

internal static class ServiceProgramExtensions
{
    private const string MetadataKeyPrefix = "ServiceProgram:";

    /// <summary>
    /// Starts the service's built program itself, where Aspire would start it with <c>dotnet run --no-build</c>, which
    /// evaluates the project again on every start (seconds of CPU per service) to find the same program. The AppHost's
    /// build records where each program is (<c>RecordServicePrograms</c> in Jewelry.AppHost.csproj). Under an IDE's
    /// debugger Aspire still hands the project to the IDE; a program not found where the build put it is started with
    /// <c>dotnet run</c> as before.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBuiltProgram(this IResourceBuilder<ProjectResource> service)
    {
        var projectPath = service.Resource.GetProjectMetadata().ProjectPath;
        if (BuiltProgramOf(projectPath) is { } program)
        {
            // The project's directory, as `dotnet run` has it: the content root where appsettings.json is.
            service.WithAnnotation(new ExecutableAnnotation { Command = program, WorkingDirectory = Path.GetDirectoryName(projectPath)! })
                // The launcher finds the runtime through DOTNET_ROOT (as under `dotnet run`): the one the AppHost runs on.
                .WithEnvironment("DOTNET_ROOT", DotnetInstallation.Root);
        }

        return service;
    }

    /// <summary>The native launcher next to the service's assembly, if the build made one.</summary>
    private static string? BuiltProgramOf(string projectPath)
    {
        var assemblyPath = typeof(ServiceProgramExtensions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(metadata => metadata.Key == MetadataKeyPrefix + Path.GetFileName(projectPath))?.Value;
        if (assemblyPath is null)
        {
            return null;
        }

        var program = Path.ChangeExtension(assemblyPath, OperatingSystem.IsWindows() ? ".exe" : null);
        return File.Exists(program) ? program : null;
    }
}
