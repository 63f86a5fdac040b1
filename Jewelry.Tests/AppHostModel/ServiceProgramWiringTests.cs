using Jewelry.AppHost;
using Jewelry.AppHost.Infrastructure;
using Jewelry.Tests.Fixtures;

namespace Jewelry.Tests.AppHostModel;

/// <summary>
/// The AppHost starts each service's built program itself, not through <c>dotnet run</c> (which evaluates the project
/// again at every start): the program the build of this configuration made, in the project's directory, on the runtime
/// the AppHost runs on.
/// </summary>
public sealed class ServiceProgramWiringTests
{
    [Fact]
    public async Task Each_api_is_started_as_the_program_its_build_made()
    {
        await using var model = await AppHostModel.BuildAsync($"{InfrastructureModeSelector.ConfigurationKey}=LocalProcesses");

        foreach (var service in ResourceNames.Services)
        {
            var resource = model.Resource<ProjectResource>(service);
            var projectPath = resource.GetProjectMetadata().ProjectPath;
            var projectDirectory = Path.GetDirectoryName(projectPath)!;
            var program = Path.Combine(projectDirectory, "bin", BuildConfiguration.Name, "net10.0", Path.GetFileNameWithoutExtension(projectPath));

            var launch = Assert.Single(resource.Annotations.OfType<ExecutableAnnotation>());
            Assert.Equal(OperatingSystem.IsWindows() ? program + ".exe" : program, launch.Command);
            Assert.Equal(projectDirectory, launch.WorkingDirectory);

            var dotnetRoot = Assert.IsType<string>((await model.DeclaredEnvironmentOf(service))["DOTNET_ROOT"]);
            Assert.True(File.Exists(Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet")), $"No dotnet host in DOTNET_ROOT {dotnetRoot}.");
        }
    }
}
