using Microsoft.AspNetCore.Http.HttpResults;

namespace CameraCloud.Gateway;

/// <summary>
/// One page of a registry (cameras, agents): the checks on <c>offset</c> and <c>limit</c>, and the
/// records behind a page of ids, read a few grains at a time so a large page neither runs one call after
/// another nor floods the runtime.
/// </summary>
internal static class RegistryPage
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const int CallsInFlight = 8;

    /// <summary>A 400 problem for a bad page request, or null.</summary>
    public static ProblemHttpResult? Validate(int offset, int limit)
    {
        if (offset < 0)
        {
            return ProblemResults.InvalidRequest("'offset' must be 0 or more.");
        }
        if (limit is < 1 or > MaxLimit)
        {
            return ProblemResults.InvalidRequest($"'limit' must be between 1 and {MaxLimit}.");
        }
        return null;
    }

    /// <summary>The records of <paramref name="ids"/> in order; an id whose record is gone (null) is left out.</summary>
    public static async Task<T[]> LoadAsync<T>(IReadOnlyList<string> ids, Func<string, CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        var records = new T?[ids.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = CallsInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), parallel, async (i, token) => records[i] = await load(ids[i], token));
        return records.OfType<T>().ToArray();
    }
}
