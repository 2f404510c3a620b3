using System.Security.Claims;
using System.Text.Encodings.Web;
using CameraCloud.Actors;
using CameraCloud.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CameraCloud.Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> (or <c>X-Api-Key</c>): the configured bootstrap admin key,
/// compared by hash, or a stored key found by its id and checked against its hash. Refusals are problem+json:
/// 401 without a usable key, 403 for a role too low, 429 after too many failures from one address or for one key.
/// Failures are logged one summary line a minute, never the key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IGrainFactory grains,
    IOptions<AuthOptions> authOptions,
    LoginFailureLimiter limiter,
    ApiKeyFailureLog failureLog) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string BootstrapKeyId = "bootstrap";

    private static readonly object RateLimitedItem = new();

    private readonly string? _bootstrapSha256 = authOptions.Value.ConfiguredBootstrapKey is { } key ? ApiKeyText.Sha256(key) : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is { } presented)
        {
            ApiKeyText.TryParse(presented, out var id, out var secret);
            return CheckAsync(id, () => VerifyKeyAsync(presented, id, secret), "API key not accepted");
        }
        if (Request.Query["token"].ToString() is { Length: > 0 } token)
        {
            ApiKeyText.TryParse(token, ApiKeyText.SharePrefix, out var id, out var secret);
            return CheckAsync(id, () => VerifyShareAsync(id, secret), "viewing link not accepted");
        }
        return Task.FromResult(AuthenticateResult.NoResult());
    }

    /// <summary>The one path of every credential: refused while its address or id is over the limit, else verified, and a failure counted and logged.</summary>
    private async Task<AuthenticateResult> CheckAsync(string? id, Func<Task<ClaimsIdentity?>> verify, string refusal)
    {
        var address = Context.Connection.RemoteIpAddress;
        if (limiter.IsBlocked(address, id))
        {
            Context.Items[RateLimitedItem] = true;
            return AuthenticateResult.Fail("too many failed logins");
        }
        if (await verify() is { } identity)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }
        limiter.RecordFailure(address, id);
        failureLog.Record(address, id);
        return AuthenticateResult.Fail(refusal);
    }

    /// <summary>The configured bootstrap admin key, compared by hash, or a stored key found by its id.</summary>
    private async Task<ClaimsIdentity?> VerifyKeyAsync(string presented, string? id, string? secret)
    {
        if (_bootstrapSha256 is not null && ApiKeyText.HashesEqual(ApiKeyText.Sha256(presented), _bootstrapSha256))
        {
            return Identity(new Claim(ApiPolicies.KeyIdClaim, BootstrapKeyId), new Claim(ClaimTypes.Role, nameof(ApiRole.Admin)));
        }
        if (id is null || secret is null)
        {
            return null;
        }
        var key = await grains.GetGrain<IApiKeyRegistryGrain>(IApiKeyRegistryGrain.DefaultKey).FindAsync(id, Context.RequestAborted);
        return key is not null && ApiKeyText.HashesEqual(ApiKeyText.Sha256(secret), key.SecretSha256)
            ? Identity(new Claim(ApiPolicies.KeyIdClaim, key.Id), new Claim(ClaimTypes.Role, key.Role.ToString()))
            : null;
    }

    /// <summary>A viewing link's <c>?token=</c>: it admits watching its one camera (<see cref="ApiPolicies.Watch"/>), nothing else.</summary>
    private async Task<ClaimsIdentity?> VerifyShareAsync(string? id, string? secret)
    {
        if (id is null || secret is null)
        {
            return null;
        }
        var share = await grains.GetGrain<IShareTokenRegistryGrain>(IShareTokenRegistryGrain.DefaultKey).FindAsync(id, Context.RequestAborted);
        return share is not null && ApiKeyText.HashesEqual(ApiKeyText.Sha256(secret), share.SecretSha256)
            ? Identity(new Claim(ApiPolicies.KeyIdClaim, "share:" + share.Id), new Claim(ApiPolicies.ShareCameraClaim, share.CameraId))
            : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(RateLimitedItem))
        {
            var seconds = (int)LoginFailureLimiter.Window.TotalSeconds;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ProblemResults.TooManyFailedLogins(seconds).ExecuteAsync(Context);
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        var presented = PresentedKey() is not null || Request.Query["token"].ToString().Length > 0;
        return (presented ? ProblemResults.ApiKeyRejected() : ProblemResults.ApiKeyRequired()).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = ApiPolicies.RoleOf(Context.User)?.ToString().ToLowerInvariant() ?? "none";
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()?.Policy ?? ApiPolicies.Admin;
        return ProblemResults.RoleTooLow(role, needed).ExecuteAsync(Context);
    }

    private string? PresentedKey()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }
        return Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } header ? header : null;
    }

    private static ClaimsIdentity Identity(params Claim[] claims) => new(claims, SchemeName, ApiPolicies.KeyIdClaim, ClaimTypes.Role);
}
