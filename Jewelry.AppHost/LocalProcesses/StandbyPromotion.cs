using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Jewelry.AppHost.LocalProcesses;

public static class StandbyPromotion
{
    public const string CommandName = "promote";

    /// <summary>
    /// "Promote to primary" on the standby in the dashboard: what an operator (or Patroni, or a managed service) does
    /// when the primary is lost. <c>pg_promote()</c> returns once the standby takes writes.
    /// </summary>
    public static IResourceBuilder<LocalPostgresStandbyResource> WithPromoteCommand(this IResourceBuilder<LocalPostgresStandbyResource> standby) =>
        standby.WithCommand(CommandName, "Promote to primary", context => PromoteAsync(standby.Resource, context.CancellationToken), new CommandOptions
        {
            Description = "Ends recovery: the standby takes writes, and the services' new connections go to it.",
            ConfirmationMessage = "Promote the standby? It stops following the primary for good, and the services write to it from now on.",
            IconName = "ArrowUp",
            UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled,
        });

    private static async Task<ExecuteCommandResult> PromoteAsync(LocalPostgresStandbyResource standby, CancellationToken cancellationToken)
    {
        var server = await standby.ConnectionStringExpression.GetValueAsync(cancellationToken);
        await using var connection = new NpgsqlConnection($"{server};Database=postgres");
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var promote = new NpgsqlCommand("SELECT pg_promote()", connection);
            return await promote.ExecuteScalarAsync(cancellationToken) is true
                ? CommandResults.Success()
                : CommandResults.Failure("The standby did not finish its promotion within 60 s; see its console log.");
        }
        catch (PostgresException exception)
        {
            // "recovery is not in progress": it was promoted already.
            return CommandResults.Failure(exception.MessageText);
        }
    }
}
