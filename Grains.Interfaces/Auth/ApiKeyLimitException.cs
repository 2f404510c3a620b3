namespace CameraCloud.Auth;

/// <summary>The registry already holds <see cref="IApiKeyRegistryGrain.MaxKeys"/> keys.</summary>
public sealed class ApiKeyLimitException(string message) : Exception(message);
