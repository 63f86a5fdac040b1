using System.Runtime.InteropServices;

namespace Jewelry.AppHost;

/// <summary>The .NET installation this process runs on, for starting other .NET programs on the same one.</summary>
public static class DotnetInstallation
{
    /// <summary>Its root (what <c>DOTNET_ROOT</c> names): <c>.../dotnet/shared/Microsoft.NETCore.App/&lt;version&gt;/</c> up three.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>The <c>dotnet</c> host in it.</summary>
    public static string Host => Path.Combine(Root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
}
