using Jewelry.AppHost;

namespace Jewelry.Tests.Fixtures;

/// <summary>
/// The application on a PostgreSQL primary with a synchronous streaming standby (<c>PostgreSQL:Standby=true</c>,
/// LocalProcesses), one process of each API, with the dashboard as the trace store. Its test stops the primary.
/// </summary>
public sealed class StandbyAppFixture : JewelryAppFixture
{
    protected override IEnumerable<string> AppHostArguments => [.. base.AppHostArguments, $"{DatabaseStandby.ConfigurationKey}=true"];

    protected override IEnumerable<string> ResourcesToWaitFor => [.. base.ResourcesToWaitFor, ResourceNames.PostgresStandby];
}

[CollectionDefinition(Name)]
public sealed class StandbyJewelryApp : ICollectionFixture<StandbyAppFixture>
{
    public const string Name = "Jewelry application on a PostgreSQL primary and standby";
}
