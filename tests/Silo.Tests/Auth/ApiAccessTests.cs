using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CameraCloud.Auth;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CameraCloud.Silo.Tests.Auth;

/// <summary>
/// Every <c>/api/*</c> route of a running node, taken from its endpoint list so that a new route cannot be left
/// out: anonymous callers and wrong keys get 401, roles below the route's policy 403, its own role gets through.
/// </summary>
public sealed class ApiAccessTests : IAsyncLifetime
{
    private RunningSilo _silo = null!;
    private HttpClient _client = null!;
    private readonly Dictionary<ApiRole, string> _keys = [];

    public async Task InitializeAsync()
    {
        // Every wrong key below is a failed login from 127.0.0.1: room for all of them.
        _silo = await RunningSilo.StartAsync("--Auth:FailedLoginsPerMinute=100000");
        _client = new HttpClient { BaseAddress = _silo.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            using var created = await _silo.Client.PostAsJsonAsync("api/keys", new { name = $"test {role}", role = role.ToString().ToLowerInvariant() }, Timeouts.Short);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            _keys[role] = (await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short)).GetProperty("key").GetString()!;
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _silo.DisposeAsync();
    }

    /// <summary>The role each route needs, written out: a route missing here, or with another policy, fails the first test.</summary>
    private static readonly Dictionary<string, ApiRole> Expected = new(StringComparer.Ordinal)
    {
        ["GET /api/cameras"] = ApiRole.Viewer,
        ["GET /api/cameras/{id}"] = ApiRole.Viewer,
        ["PATCH /api/cameras/{id}"] = ApiRole.Operator,
        ["DELETE /api/cameras/{id}"] = ApiRole.Operator,
        ["GET /api/cameras/{id}/mjpeg"] = ApiRole.Viewer,
        ["GET /api/cameras/{id}/snapshot"] = ApiRole.Viewer,
        ["GET /api/cameras/{id}/audio"] = ApiRole.Viewer,
        ["POST /api/cameras/{id}/commands"] = ApiRole.Operator,
        ["POST /api/cameras/{id}/shares"] = ApiRole.Operator,
        ["GET /api/cameras/{id}/shares"] = ApiRole.Operator,
        ["DELETE /api/cameras/{id}/shares/{shareId}"] = ApiRole.Operator,
        ["POST /api/agents"] = ApiRole.Operator,
        ["GET /api/agents"] = ApiRole.Viewer,
        ["GET /api/agents/{id}"] = ApiRole.Viewer,
        ["PATCH /api/agents/{id}"] = ApiRole.Operator,
        ["DELETE /api/agents/{id}"] = ApiRole.Operator,
        ["POST /api/agents/{id}/control"] = ApiRole.Operator,
        ["GET /api/cluster/nodes"] = ApiRole.Operator,
        ["GET /api/cluster/owners/{kind}/{id}"] = ApiRole.Operator,
        ["POST /api/keys"] = ApiRole.Admin,
        ["GET /api/keys"] = ApiRole.Admin,
        ["DELETE /api/keys/{id}"] = ApiRole.Admin,
    };

    [Fact]
    public void Every_api_route_has_the_policy_of_its_role_and_no_route_is_unlisted()
    {
        var routes = ApiRoutes();

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), routes.Select(r => r.ToString()).Order(StringComparer.Ordinal));
        foreach (var route in routes)
        {
            Assert.True(route.Needs == Expected[route.ToString()], $"{route} has the policy of {route.Needs}, should need {Expected[route.ToString()]}");
        }
    }

    [Fact]
    public async Task Every_api_route_refuses_anonymous_callers_with_a_401_problem()
    {
        foreach (var route in ApiRoutes())
        {
            using var response = await SendAsync(route, key: null);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("API key required", await TitleAsync(response));
        }
    }

    [Theory]
    [InlineData("cck_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    [InlineData("cameracloud-test-admin-key-0123456789abcdeX")]
    public async Task Every_api_route_refuses_a_key_it_does_not_know_with_a_401_problem(string key)
    {
        foreach (var route in ApiRoutes())
        {
            using var response = await SendAsync(route, key);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {(int)response.StatusCode}");
            Assert.Equal("API key not accepted", await TitleAsync(response));
        }
    }

    [Fact]
    public async Task Every_api_route_refuses_roles_below_its_own_with_a_403_problem_and_admits_its_own()
    {
        foreach (var route in ApiRoutes())
        {
            foreach (var role in Enum.GetValues<ApiRole>())
            {
                using var response = await SendAsync(route, _keys[role]);

                if (role < Expected[route.ToString()])
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route} as {role}: {(int)response.StatusCode}");
                    Assert.Equal("Not allowed for this key's role", await TitleAsync(response));
                }
                else
                {
                    Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                        $"{route} as {role}: {(int)response.StatusCode}");
                }
            }
        }
    }

    [Fact]
    public async Task Health_and_the_api_description_stay_open()
    {
        foreach (var path in new[] { "health/live", "health/ready", "swagger/v1/swagger.json" })
        {
            using var response = await _client.GetAsync(path, Timeouts.Short);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
        var document = await _client.GetFromJsonAsync<JsonElement>("swagger/v1/swagger.json", Timeouts.Short);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }

    private List<ApiRoute> ApiRoutes()
    {
        var endpoints = _silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return [.. endpoints
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new ApiRoute(
                method,
                e.RoutePattern.RawText!.TrimEnd('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => PolicyRole(a.Policy)).Max())))];
    }

    // Watching admits viewers and above (and a viewing link for its one camera, see ShareTokenTests).
    private static ApiRole? PolicyRole(string? policy) =>
        policy == "watch" ? ApiRole.Viewer : Enum.TryParse<ApiRole>(policy, ignoreCase: true, out var role) ? role : null;

    private async Task<HttpResponseMessage> SendAsync(ApiRoute route, string? key)
    {
        // Sample values for the route's parameters: the answer past authorization does not matter here.
        var path = route.Pattern.Replace("{kind}", "camera", StringComparison.Ordinal);
        path = path.Replace("{shareId}", "0123456789ab", StringComparison.Ordinal);
        path = path.Replace("{id}", path.StartsWith("/api/keys", StringComparison.Ordinal) ? "0123456789ab"
            : path.StartsWith("/api/agents", StringComparison.Ordinal) ? "access-test" : "0800c0aaaaaa", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path.TrimStart('/'));
        if (route.Method is "POST" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        request.Headers.Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key);
        // Headers only: a live stream that got through would not end.
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Timeouts.Short);
    }

    private static async Task<string?> TitleAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short)).GetProperty("title").GetString();

}
