namespace Jewelry.Tests.Fixtures;

/// <summary>The configuration the test program was built in, which is the one its AppHost and services were built in.</summary>
public static class BuildConfiguration
{
#if DEBUG
    public const string Name = "Debug";
#else
    public const string Name = "Release";
#endif
}
