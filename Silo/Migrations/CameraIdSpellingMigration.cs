using CameraCloud.Actors;
using CameraCloud.Cameras;
using CameraCloud.Grains.Cameras;
using CameraCloud.Silo.Runtime;
using CameraCloud.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CameraCloud.Silo.Migrations;

/// <summary>
/// Moves camera records kept under another spelling of their id (builds before ids were lower-cased stored
/// <c>0800c00128F8</c> as the camera spelled it) to the id's one spelling, at start, before any grain or listener
/// runs. The index names every such record; each is merged into the lower-case record (which a REST call or an MQTT
/// report may have created meanwhile), then removed, and the index is rewritten last. Every step is written under
/// its ETag and the whole pass is idempotent, so a crash or another node doing the same at once only means the next
/// pass finishes the job. With nothing to move it costs one read of the index.
/// </summary>
internal sealed class CameraIdSpellingMigration(IGrainStorage storage, ILogger<CameraIdSpellingMigration> logger) : IHostedService
{
    private const int MaxPasses = 5;

    private static readonly (string Type, string State) CameraRecord = RecordOf(typeof(CameraGrain));
    private static readonly (string Type, string State) IndexRecord = RecordOf(typeof(CameraIndexGrain));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            try
            {
                await RunPassAsync(cancellationToken);
                return;
            }
            catch (InconsistentStateException ex) when (pass < MaxPasses)
            {
                // Another node wrote one of the records in between: read everything again.
                SiloLog.CameraIdMigrationConflicted(logger, pass, ex.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var index = new PersistentState<CameraIndexState>(storage, IndexRecord.Type, ICameraIndexGrain.DefaultKey, IndexRecord.State);
        await index.ReadStateAsync(cancellationToken);
        var legacy = index.State.Ids.Where(id => CameraId.Normalize(id) != id).ToList();
        if (legacy.Count == 0)
        {
            return;
        }

        foreach (var id in legacy)
        {
            await MoveRecordAsync(id, CameraId.Normalize(id), cancellationToken);
        }
        index.State = new CameraIndexState
        {
            Ids = [.. index.State.Ids.Select(CameraId.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        };
        await index.WriteStateAsync(cancellationToken);
        SiloLog.CameraIdsMigrated(logger, legacy.Count);
    }

    private async Task MoveRecordAsync(string from, string to, CancellationToken cancellationToken)
    {
        var old = new PersistentState<CameraState>(storage, CameraRecord.Type, from, CameraRecord.State);
        await old.ReadStateAsync(cancellationToken);
        if (!old.RecordExists)
        {
            // Moved by an earlier pass that did not get to rewrite the index.
            return;
        }
        var current = new PersistentState<CameraState>(storage, CameraRecord.Type, to, CameraRecord.State);
        await current.ReadStateAsync(cancellationToken);
        var merged = current.RecordExists;
        current.State = merged ? Merge(old.State, current.State) : old.State;
        await current.WriteStateAsync(cancellationToken);
        await old.ClearStateAsync(cancellationToken);
        SiloLog.CameraRecordMigrated(logger, from, to, merged);
    }

    /// <summary>Both spellings have a record: the one seen last wins each field it has, the other fills the gaps.</summary>
    internal static CameraState Merge(CameraState a, CameraState b)
    {
        var (older, newer) = (a.LastSeen ?? DateTimeOffset.MinValue) > (b.LastSeen ?? DateTimeOffset.MinValue) ? (b, a) : (a, b);
        return new CameraState
        {
            Name = newer.Name ?? older.Name,
            Firmware = newer.Firmware ?? older.Firmware,
            FirstSeen = Earliest(newer.FirstSeen, older.FirstSeen),
            LastSeen = newer.LastSeen ?? older.LastSeen,
            LastAddress = newer.LastAddress ?? older.LastAddress,
            ProvisionedHere = newer.ProvisionedHere || older.ProvisionedHere,
            BaseInfoJson = newer.BaseInfoJson ?? older.BaseInfoJson,
            MqttStatus = newer.MqttStatus ?? older.MqttStatus,
            MqttInfoJson = newer.MqttInfoJson ?? older.MqttInfoJson,
        };
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>The grain's storage names as the runtime derives them, so the two cannot drift apart.</summary>
    private static (string Type, string State) RecordOf(Type grainClass)
    {
        var info = GrainClassInfo.Create(grainClass, services: null);
        return (info.TypeName, info.States.Single().StateName);
    }
}
