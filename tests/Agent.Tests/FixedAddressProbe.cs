using CameraCloud.Agent.Connection;

namespace CameraCloud.Agent.Tests;

/// <summary>A local address probe whose answer the test sets.</summary>
internal sealed class FixedAddressProbe(string? address) : ILocalAddressProbe
{
    public string? Address { get; set; } = address;

    public Task<string?> GetLocalAddressAsync(Uri server, CancellationToken ct) => Task.FromResult(Address);
}
