using System.Net;
using StackExchange.Redis;

namespace CameraCloud.Silo.Storage.Redis;

/// <summary>
/// Reads <c>Storage:Redis</c> and describes it for people without its secret: logs and error messages
/// name the endpoints only, and any text that might echo the connection string has the password masked.
/// </summary>
internal static class RedisConnectionString
{
    private const string Mask = "*****";

    public static bool TryParse(string connectionString, out ConfigurationOptions? options, out string? problem)
    {
        options = null;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            problem = MaskPassword(ex.Message, PasswordIn(connectionString));
            return false;
        }

        if (options.EndPoints.Count == 0)
        {
            problem = "it names no host:port";
            options = null;
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>The endpoints as <c>host:port</c>, comma-separated; never the password.</summary>
    public static string Describe(ConfigurationOptions options)
    {
        int defaultPort = options.Ssl ? 6380 : 6379;
        return string.Join(',', options.EndPoints.Select(endPoint => endPoint switch
        {
            DnsEndPoint dns => $"{dns.Host}:{(dns.Port == 0 ? defaultPort : dns.Port)}",
            IPEndPoint ip => new IPEndPoint(ip.Address, ip.Port == 0 ? defaultPort : ip.Port).ToString(),
            _ => endPoint.ToString() ?? "?",
        }));
    }

    /// <summary><paramref name="text"/> with every occurrence of the password replaced by a mask.</summary>
    public static string MaskPassword(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, Mask, StringComparison.Ordinal);

    // Parsing failed, so the password is found by hand: the value of the first "password=" option.
    private static string? PasswordIn(string connectionString)
    {
        foreach (string part in connectionString.Split(','))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim();
            }
        }

        return null;
    }
}
