using Jewelry.Data;

namespace Jewelry.Messaging;

/// <summary>
/// The outbox and inbox tables, which every service that publishes or consumes has in its own database, migrated
/// from the scripts under <c>Data/Migrations</c> of this assembly.
/// </summary>
public static class MessagingTables
{
    public static DatabaseMigrationOptions Migrations { get; } = new(typeof(MessagingTables).Assembly, "changelog_messaging");
}
