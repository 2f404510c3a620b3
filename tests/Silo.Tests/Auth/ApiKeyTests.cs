using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;
using CameraCloud.TestSupport;

namespace CameraCloud.Silo.Tests.Auth;

/// <summary>API keys on a running node: the first admin key, making, listing and revoking keys, failed logins.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_node_without_a_configured_key_writes_a_first_admin_key_to_an_owner_only_file_and_logs_only_its_path()
    {
        var logs = new RecordingLoggerProvider();
        await using var silo = await RunningSilo.StartRecordingAsync(logs, "--Auth:BootstrapAdminKey=");

        var path = Path.Combine(silo.DataPath, "admin-key");
        var key = (await File.ReadAllTextAsync(path, Timeouts.Short)).Trim();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Matches("^cck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains(logs.Lines, l => l.EventName == "AdminKeyGenerated" && l.Message.Contains(path, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(key[17..], StringComparison.Ordinal));

        using var anonymous = new HttpClient { BaseAddress = silo.Gateway };
        using var withoutKey = await anonymous.GetAsync("api/keys", Timeouts.Short);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/keys") { Headers = { Authorization = new("Bearer", key) } };
        using var withKey = await anonymous.SendAsync(request, Timeouts.Short);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        var listed = Assert.Single((await withKey.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short)).EnumerateArray());
        Assert.Equal("admin", listed.GetProperty("role").GetString());
        Assert.Equal(key[4..16], listed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_restart_keeps_the_first_admin_key_and_makes_no_other()
    {
        string dataPath;
        string key;
        await using (var first = await RunningSilo.StartAsync("--Auth:BootstrapAdminKey="))
        {
            first.KeepData = true;
            dataPath = first.DataPath;
            key = await File.ReadAllTextAsync(Path.Combine(dataPath, "admin-key"), Timeouts.Short);
            await first.StopAsync();
        }

        await using var second = await RunningSilo.StartOnDataAsync(dataPath, "--Auth:BootstrapAdminKey=");

        Assert.Equal(key, await File.ReadAllTextAsync(Path.Combine(dataPath, "admin-key"), Timeouts.Short));
        using var admin = new HttpClient { BaseAddress = second.Gateway };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Trim());
        var keys = await admin.GetFromJsonAsync<JsonElement>("api/keys", Timeouts.Short);
        Assert.Single(keys.EnumerateArray());
    }

    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_refused_once_revoked()
    {
        var logs = new RecordingLoggerProvider();
        await using var silo = await RunningSilo.StartRecordingAsync(logs);

        using var created = await silo.Client.PostAsJsonAsync("api/keys", new { name = "flussonic", role = "viewer" }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short);
        var (id, key) = (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
        Assert.Equal($"/api/keys/{id}", created.Headers.Location?.OriginalString);

        using var viewer = new HttpClient { BaseAddress = silo.Gateway };
        viewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using (var cameras = await viewer.GetAsync("api/cameras", Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.OK, cameras.StatusCode);
        }
        var list = await silo.Client.GetStringAsync("api/keys", Timeouts.Short);
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(key[17..], list, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256", list, StringComparison.OrdinalIgnoreCase);

        using (var revoke = await silo.Client.DeleteAsync($"api/keys/{id}", Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }
        using (var after = await viewer.GetAsync("api/cameras", Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
        using (var again = await silo.Client.DeleteAsync($"api/keys/{id}", Timeouts.Short))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(key[17..], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"name":"x","role":"root"}""")]
    [InlineData("""{"role":"viewer"}""")]
    [InlineData("""{"name":"","role":"viewer"}""")]
    [InlineData("""{"name":"x","role":"viewer","key":"cck_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""[1,2""")]
    public async Task A_bad_key_request_is_a_400_problem_and_makes_no_key(string json)
    {
        await using var silo = await RunningSilo.StartAsync();

        using var response = await silo.Client.PostAsync("api/keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Timeouts.Short);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await silo.Client.GetFromJsonAsync<JsonElement>("api/keys", Timeouts.Short)).EnumerateArray());
    }

    [Fact]
    public async Task Wrong_keys_from_one_address_get_429_after_the_limit_and_one_log_line_not_one_per_request()
    {
        var logs = new RecordingLoggerProvider();
        await using var silo = await RunningSilo.StartRecordingAsync(logs, "--Auth:FailedLoginsPerMinute=5");
        using var guesser = new HttpClient { BaseAddress = silo.Gateway };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/cameras")
            {
                Headers = { Authorization = new("Bearer", $"cck_{i:x12}_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") },
            };
            using var response = await guesser.SendAsync(request, Timeouts.Short);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 45)), statuses);
        // The right key from the same address is refused too while the window lasts: the address is what is limited.
        using var admin = await silo.Client.GetAsync("api/cameras", Timeouts.Short);
        Assert.Equal(HttpStatusCode.TooManyRequests, admin.StatusCode);
        Assert.Single(logs.Lines, l => l.EventName == "ApiLoginFailed");
    }
}
