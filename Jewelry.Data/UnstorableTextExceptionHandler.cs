using Jewelry.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Jewelry.Data;

/// <summary>
/// Text PostgreSQL cannot hold (a NUL character, a character outside the database's encoding) came from the caller:
/// 400 ProblemDetails instead of a 500. Other data errors (a division by zero, an overflow in a query) stay 500s: they
/// are this service's bugs.
/// </summary>
internal sealed class UnstorableTextExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    // character_not_in_repertoire (NUL and invalid byte sequences), untranslatable_character.
    private static readonly string[] UnstorableText = ["22021", "22P05"];

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PostgresException postgres || !UnstorableText.Contains(postgres.SqlState))
        {
            return false;
        }

        return await problemDetails.AnswerAsync(httpContext, exception, StatusCodes.Status400BadRequest,
            "The request contains text that cannot be stored, such as a NUL character.");
    }
}
