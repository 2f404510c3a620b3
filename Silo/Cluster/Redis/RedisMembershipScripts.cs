namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>The Lua scripts of <see cref="RedisClusterMembership"/>; each is one atomic step on the server.</summary>
internal static class RedisMembershipScripts
{
    /// <summary>
    /// KEYS[1] the cluster's internal key; ARGV[1] a fresh one, stored only if there is none. Reply: the stored key.
    /// </summary>
    public const string Join = """
        redis.call('SET', KEYS[1], ARGV[1], 'NX')
        return redis.call('GET', KEYS[1])
        """;

    /// <summary>
    /// KEYS[1] this node's key, KEYS[2] the set of node ids, KEYS[3] the internal key; ARGV[1] this node's
    /// advertisement, ARGV[2] its expiry in ms, ARGV[3] its id, ARGV[4] the node key prefix, ARGV[5] the internal
    /// key this node holds (stored again if Redis lost it). Removes ids whose key expired. Reply: {internal key
    /// or nil, {id, advertisement, ...} of the live nodes, {id, ...} removed, {id, problem, ...} unreadable}.
    /// </summary>
    public const string Heartbeat = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('SADD', KEYS[2], ARGV[3])
        redis.call('SET', KEYS[3], ARGV[5], 'NX')
        local clusterKey = redis.pcall('GET', KEYS[3])
        if type(clusterKey) ~= 'string' then clusterKey = false end
        local live, expired, bad = {}, {}, {}
        for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          local key = ARGV[4] .. id
          local kind = redis.call('TYPE', key)['ok']
          if kind == 'none' then
            redis.call('SREM', KEYS[2], id)
            expired[#expired + 1] = id
          elseif kind == 'string' then
            live[#live + 1] = id
            live[#live + 1] = redis.call('GET', key)
          else
            bad[#bad + 1] = id
            bad[#bad + 1] = 'it is not a string but a ' .. kind
          end
        end
        return {clusterKey, live, expired, bad}
        """;

    /// <summary>KEYS[1] this node's key, KEYS[2] the set of node ids; ARGV[1] its id.</summary>
    public const string Leave = """
        redis.call('DEL', KEYS[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        return 1
        """;
}
