using Jewelry.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.Hosting;

public static partial class Extensions
{
    /// <summary>
    /// <c>POST /dev/token</c> gives a token for any user and role, in Development only: outside it the route
    /// does not exist (404). Paste the token into the OpenAPI UI's Authorize box to try the API as that user.
    /// </summary>
    public static WebApplication MapDevelopmentTokenEndpoint(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        app.MapPost("/dev/token", IssueToken)
            .WithTags("Development")
            .WithSummary("Issues a token for a user and role (Development only).")
            .AllowAnonymous();

        return app;
    }

    // Validated here: the validation source generator only sees endpoints mapped in a service's own project.
    private static Results<Ok<DevelopmentTokenResponse>, ValidationProblem> IssueToken(
        DevelopmentTokenRequest request, DevelopmentTokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserId) || request.UserId.Length > 64)
        {
            errors[nameof(request.UserId)] = ["A user id of 1 to 64 characters is required."];
        }

        if (!Roles.All.Contains(request.Role))
        {
            errors[nameof(request.Role)] = [$"Role must be one of {string.Join(", ", Roles.All)}."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(new DevelopmentTokenResponse(
                issuer.Issue(request.UserId, request.Role), "Bearer", (int)DevelopmentTokenIssuer.Lifetime.TotalSeconds));
    }
}

/// <summary>Who the token is for.</summary>
/// <param name="UserId">The user's id, for example a customer's id from the CRM.</param>
/// <param name="Role">customer, seller, operator, partner or admin.</param>
public sealed record DevelopmentTokenRequest(string UserId, [property: Role] string Role);

public sealed record DevelopmentTokenResponse(string AccessToken, string TokenType, int ExpiresIn);
