using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace CameraCloud.Gateway.Auth;

/// <summary>
/// The text of an API key: <c>cck_&lt;id&gt;_&lt;secret&gt;</c>, id 12 lower-case hex characters (public: listed,
/// logged, used to revoke), secret 43 base64url characters (256 random bits, shown once, stored as its SHA-256).
/// With that much entropy a plain hash is as good as a slow one, and checking a key costs microseconds.
/// </summary>
public static class ApiKeyText
{
    public const string Prefix = "cck_";

    /// <summary>The prefix of a viewing link's token (same shape, another kind of secret).</summary>
    public const string SharePrefix = "cks_";
    public const int IdLength = 12;
    public const int SecretLength = 43;

    /// <summary>A new key: its id, the whole text to hand out once, and the hash to store.</summary>
    public static (string Id, string Key, string SecretSha256) Generate(string prefix = Prefix)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, $"{prefix}{id}_{secret}", Sha256(secret));
    }

    /// <summary>Splits a presented key; false for anything not shaped like one (nothing is looked up then).</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret) =>
        TryParse(key, Prefix, out id, out secret);

    /// <summary>Splits a presented key or token of the kind <paramref name="prefix"/> names.</summary>
    public static bool TryParse(string? key, string prefix, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = null;
        secret = null;
        if (key is null || key.Length != prefix.Length + IdLength + 1 + SecretLength || !key.StartsWith(prefix, StringComparison.Ordinal)
            || key[prefix.Length + IdLength] != '_')
        {
            return false;
        }
        var idPart = key.AsSpan(prefix.Length, IdLength);
        var secretPart = key.AsSpan(prefix.Length + IdLength + 1);
        if (idPart.ContainsAnyExcept("0123456789abcdef") || secretPart.ContainsAnyExcept(Base64UrlAlphabet))
        {
            return false;
        }
        id = idPart.ToString();
        secret = secretPart.ToString();
        return true;
    }

    /// <summary>Lower-case hex SHA-256 of a secret (or of a whole configured key).</summary>
    public static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two hex hashes in time that does not depend on where they differ.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}
