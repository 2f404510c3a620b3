namespace CameraCloud.Gateway.Auth;

/// <summary>API authentication settings, bound from the "Auth" configuration section and checked at start.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const int MinBootstrapKeyLength = 32;
    public const int MaxBootstrapKeyLength = 256;

    /// <summary>
    /// An admin key taken from configuration (e.g. a Kubernetes secret in <c>Auth__BootstrapAdminKey</c>): 32 to 256
    /// printable ASCII characters without spaces. It is compared by hash and never stored. Without it, a node that
    /// finds no admin key in the store makes one and writes it to a file in the data folder.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary><see cref="BootstrapAdminKey"/>, with an empty value (an unset secret in a chart) read as none.</summary>
    public string? ConfiguredBootstrapKey => string.IsNullOrEmpty(BootstrapAdminKey) ? null : BootstrapAdminKey;

    /// <summary>Failed API logins per client address (IPv6: per /64) and per key id in one minute before 429.</summary>
    public int FailedLoginsPerMinute { get; set; } = 20;
}
