using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CameraCloud.Grains.Agents;

/// <summary>
/// Agent tokens: 32 random bytes (base64url), stored as a salted PBKDF2-SHA256 hash and compared in constant time.
/// </summary>
/// <remarks>
/// 10,000 iterations, not the 100,000+ advised for passwords: a token is 256 random bits, so no amount of
/// stretching changes how hard it is to guess; the hash only keeps a stolen data folder from handing out
/// working tokens. What iterations do cost is CPU at login, and logins come in storms: when a node restarts
/// every agent dials again within seconds. Measured on this project's 2-core machines, one login costs about
/// 4 ms at 10,000 iterations and 35-40 ms at 100,000: a thousand agents dialing again after a restart cost
/// about 4 s of one core instead of 40, during which the same cores must also serve the streams.
/// </remarks>
public static class AgentTokens
{
    public const int Iterations = 10_000;
    public const int TokenBytes = 32;
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    // A token is 43 base64url characters; anything much longer is not one and is not worth hashing.
    private const int MaxTokenLength = 128;

    // Hashed for unknown agents so that a wrong id costs the same time as a wrong token.
    private static readonly byte[] DummySalt = RandomNumberGenerator.GetBytes(SaltBytes);

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    public static (string Salt, string Hash) HashNew(string token)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (Convert.ToBase64String(salt), Convert.ToBase64String(Derive(token, salt, Iterations)));
    }

    /// <summary>Checks <paramref name="token"/> against a stored salt and hash in constant time.</summary>
    public static bool Verify(string token, string salt, string hash, int iterations)
    {
        byte[] saltBytes, expected;
        try
        {
            saltBytes = Convert.FromBase64String(salt);
            expected = Convert.FromBase64String(hash);
        }
        catch (FormatException)
        {
            return false;
        }
        if (token.Length > MaxTokenLength || expected.Length != HashBytes || iterations <= 0)
        {
            return false;
        }
        var actual = Derive(token, saltBytes, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of a verification without anything to verify against.</summary>
    public static void VerifyNothing(string token)
    {
        _ = Derive(token.Length > MaxTokenLength ? string.Empty : token, DummySalt, Iterations);
    }

    private static byte[] Derive(string token, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(token), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
