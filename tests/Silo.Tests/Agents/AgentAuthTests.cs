using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CameraCloud.Silo.Tests.EndToEnd;
using CameraCloud.Silo.Tests.Nodes;

namespace CameraCloud.Silo.Tests.Agents;

/// <summary>Login at /agent/connect over HTTP: 401 that gives nothing away, 429 after repeated failures, 400 without the subprotocol.</summary>
public sealed class AgentAuthTests
{
    [Fact]
    public async Task Missing_and_wrong_credentials_get_the_same_401()
    {
        await using var silo = await RunningSilo.StartAsync();
        var token = await ProvisionAsync(silo, "cam");

        using var none = await ConnectRequestAsync(silo, authorization: null);
        using var wrongToken = await ConnectRequestAsync(silo, Basic("cam", token[..^2] + "xx"));
        using var unknownId = await ConnectRequestAsync(silo, Basic("nobody", token));
        using var garbage = await ConnectRequestAsync(silo, new AuthenticationHeaderValue("Basic", "%%%not-base64"));
        using var bearer = await ConnectRequestAsync(silo, new AuthenticationHeaderValue("Bearer", token));

        var bodies = new List<string>();
        foreach (var response in new[] { none, wrongToken, unknownId, garbage, bearer })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            bodies.Add(await response.Content.ReadAsStringAsync(Timeouts.Short));
        }
        Assert.Single(bodies.Distinct());
        Assert.DoesNotContain(token, bodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eleven_failures_from_one_address_get_429_with_Retry_After()
    {
        await using var silo = await RunningSilo.StartAsync();
        var token = await ProvisionAsync(silo, "cam");
        for (var i = 0; i < 10; i++)
        {
            using var failed = await ConnectRequestAsync(silo, Basic("cam", "wrong-" + i));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var limited = await ConnectRequestAsync(silo, Basic("cam", "wrong-again"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // The address is limited, whatever it sends, until its minute is over.
        using var evenValid = await ConnectRequestAsync(silo, Basic("cam", token));
        Assert.Equal(HttpStatusCode.TooManyRequests, evenValid.StatusCode);
    }

    [Fact]
    public async Task Valid_credentials_without_the_subprotocol_or_without_an_upgrade_get_400()
    {
        await using var silo = await RunningSilo.StartAsync();
        var token = await ProvisionAsync(silo, "cam");

        foreach (var offered in new[] { "cameracloud-tunnel.v0", null })
        {
            using var socket = new ClientWebSocket();
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.SetRequestHeader("Authorization", Basic("cam", token).ToString());
            if (offered is not null)
            {
                socket.Options.AddSubProtocol(offered);
            }
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(AgentUri(silo), Timeouts.Short));
            Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
        }

        using var plain = await ConnectRequestAsync(silo, Basic("cam", token));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }

    internal static Uri AgentUri(RunningSilo silo) => new($"ws://127.0.0.1:{silo.Gateway.Port}/agent/connect");

    internal static AuthenticationHeaderValue Basic(string id, string token) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{token}")));

    internal static async Task<string> ProvisionAsync(RunningSilo silo, string id, object? targets = null)
    {
        using var created = await silo.Client.PostAsJsonAsync("api/agents", new { id, targets }, Timeouts.Short);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Timeouts.Short)).GetProperty("token").GetString()!;
    }

    // Not silo.Client: it would send the admin's Bearer key where a test means no credentials at all.
    private static async Task<HttpResponseMessage> ConnectRequestAsync(RunningSilo silo, AuthenticationHeaderValue? authorization)
    {
        using var client = new HttpClient { BaseAddress = silo.Gateway, Timeout = silo.Client.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, "agent/connect");
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request, Timeouts.Short);
    }
}
