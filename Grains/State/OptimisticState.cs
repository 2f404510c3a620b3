using CameraCloud.Actors;

namespace CameraCloud.Grains.State;

/// <summary>
/// Read-modify-write of a state record that activations on several nodes may write: nodes share one store,
/// and the same grain key can be active on two of them at once, each with its own cached state and ETag.
/// The change is applied to the state the activation holds and written under its ETag; when another node
/// moved the record, the record is read again and the change applied to what it holds now, so concurrent
/// writers compose instead of failing or overwriting each other.
/// </summary>
internal static class OptimisticState
{
    /// <summary>Applies <paramref name="change"/> and writes the result, again on a fresh read after a conflict.</summary>
    /// <param name="state">The activation's state handle; on return it holds what the store holds.</param>
    /// <param name="change">
    /// Pure function of the current state (it may run once per attempt). Returning a state equal to its input
    /// (record equality; return the input itself for "no change") writes nothing.
    /// </param>
    /// <param name="mustExist">
    /// True: write only while the record is in the store. A record deleted by another node is then seen at the
    /// conflict (its ETag moved to "none") and not brought back by this write.
    /// </param>
    /// <param name="maxAttempts">Writes tried in all before giving up.</param>
    /// <param name="record">Names the record in the exception thrown when every attempt found it moved.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>False when <paramref name="mustExist"/> and the record is not stored: nothing was written.</returns>
    /// <exception cref="InconsistentStateException">Every attempt found the record moved by another writer.</exception>
    public static async Task<bool> UpdateAsync<TState>(
        IPersistentState<TState> state,
        Func<TState, TState> change,
        bool mustExist,
        int maxAttempts,
        string record,
        CancellationToken cancellationToken)
        where TState : class, new()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            if (mustExist && !state.RecordExists)
            {
                return false;
            }

            var current = state.State;
            var next = change(current);
            if (EqualityComparer<TState>.Default.Equals(next, current))
            {
                return true;
            }

            state.State = next;
            try
            {
                await state.WriteStateAsync(cancellationToken);
                return true;
            }
            catch (InconsistentStateException ex)
            {
                // Until the fresh read below, the cache must not claim a state the store never took.
                state.State = current;
                if (attempt == maxAttempts)
                {
                    throw new InconsistentStateException(
                        $"{record} was changed by another writer on each of {maxAttempts} attempts to write it; " +
                        $"giving up. Last conflict: {ex.Message}");
                }
            }
            catch
            {
                state.State = current;
                throw;
            }

            await BackOffAsync(attempt, cancellationToken);
            await state.ReadStateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// A random pause after a lost write. Two nodes writing one record back to back otherwise stay in step: each
    /// reads just before the other writes, and the same one can lose every attempt. The pause (up to 2^attempt ms,
    /// at most 100 ms) breaks the step; it is real time on purpose, the store's contention is real.
    /// </summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(Math.Min(1 << Math.Min(attempt, 7), 100) + 1), cancellationToken);

    /// <summary>Deletes the record, also when another writer changed it since it was read.</summary>
    /// <returns>False when the record was not (or no longer) stored.</returns>
    /// <exception cref="InconsistentStateException">Every attempt found the record moved by another writer.</exception>
    public static async Task<bool> ClearAsync<TState>(
        IPersistentState<TState> state, int maxAttempts, string record, CancellationToken cancellationToken)
        where TState : class, new()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            if (!state.RecordExists)
            {
                return false;
            }

            try
            {
                await state.ClearStateAsync(cancellationToken);
                return true;
            }
            catch (InconsistentStateException ex) when (attempt == maxAttempts)
            {
                throw new InconsistentStateException(
                    $"{record} was changed by another writer on each of {maxAttempts} attempts to delete it; " +
                    $"giving up. Last conflict: {ex.Message}");
            }
            catch (InconsistentStateException)
            {
                // A clear under a stale ETag fails like a write: read what is there now and clear that.
            }

            await BackOffAsync(attempt, cancellationToken);
            await state.ReadStateAsync(cancellationToken);
        }
    }
}
