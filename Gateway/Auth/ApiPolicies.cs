using System.Security.Claims;
using CameraCloud.Auth;
using Microsoft.AspNetCore.Authorization;

namespace CameraCloud.Gateway.Auth;

/// <summary>The authorization policies of the API, one per <see cref="ApiRole"/>: a policy admits its role and those above.</summary>
public static class ApiPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>The claim holding the key's id (the subject), for logs and the audit of who did what.</summary>
    public const string KeyIdClaim = "cameracloud:key";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, Require(ApiRole.Viewer));
        options.AddPolicy(Operator, Require(ApiRole.Operator));
        options.AddPolicy(Admin, Require(ApiRole.Admin));
        // A route nobody gave a policy is admin-only, so a forgotten one fails closed.
        options.FallbackPolicy = options.GetPolicy(Admin);
    }

    /// <summary>The role of an authenticated caller, or null.</summary>
    public static ApiRole? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<ApiRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    private static AuthorizationPolicy Require(ApiRole least) => new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => RoleOf(context.User) >= least)
        .Build();
}
