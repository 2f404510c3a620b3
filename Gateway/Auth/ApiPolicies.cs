using System.Security.Claims;
using CameraCloud.Auth;
using CameraCloud.Cameras;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CameraCloud.Gateway.Auth;

/// <summary>The authorization policies of the API, one per <see cref="ApiRole"/>: a policy admits its role and those above.</summary>
public static class ApiPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    /// <summary>Watching one camera: a viewer key or above, or that camera's viewing link (<c>?token=</c>).</summary>
    public const string Watch = "watch";

    /// <summary>The claim of a viewing link: the one camera it may watch.</summary>
    public const string ShareCameraClaim = "cameracloud:share-camera";

    /// <summary>The claim holding the key's id (the subject), for logs and the audit of who did what.</summary>
    public const string KeyIdClaim = "cameracloud:key";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, Require(ApiRole.Viewer));
        options.AddPolicy(Operator, Require(ApiRole.Operator));
        options.AddPolicy(Admin, Require(ApiRole.Admin));
        options.AddPolicy(Watch, new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => RoleOf(context.User) >= ApiRole.Viewer || SharesRoutedCamera(context))
            .Build());
        // A route nobody gave a policy is admin-only, so a forgotten one fails closed.
        options.FallbackPolicy = options.GetPolicy(Admin);
    }

    /// <summary>The role of an authenticated caller, or null.</summary>
    public static ApiRole? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<ApiRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    private static bool SharesRoutedCamera(AuthorizationHandlerContext context) =>
        context.Resource is HttpContext http && http.GetRouteValue("id") is string id && CameraId.TryNormalize(id, out var camera)
        && context.User.HasClaim(ShareCameraClaim, camera);

    private static AuthorizationPolicy Require(ApiRole least) => new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => RoleOf(context.User) >= least)
        .Build();
}
