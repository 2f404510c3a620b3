namespace CameraCloud.Silo.Cluster.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisDeviceDirectory"/>. Each reads the time with TIME on the server, so lease
/// expiry is judged by one clock, not by the nodes' clocks. Numbers travel as decimal strings (at most 15 digits,
/// exact in Lua's doubles). A device hash whose fields are not what the directory writes counts as absent.
/// </summary>
internal static class RedisDirectoryScripts
{
    private const string Helpers = """
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function int(v)
          return v and string.len(v) <= 15 and string.match(v, '^%d+$') ~= nil
        end
        local function fmt(n) return string.format('%.0f', n) end

        """;

    /// <summary>
    /// KEYS[1] the device hash; ARGV[1] this node, ARGV[2] the lease in ms, ARGV[3] the claims channel,
    /// ARGV[4] the device as logs name it, ARGV[5] the epoch of this node's own live lease of the device or 0
    /// (so a claim here outnumbers it even if Redis lost the hash). The epoch is the stored one + 1; a hash that
    /// is not ours is replaced. Publishes "epoch node device". Reply: {epoch, previous node or nil,
    /// previous expiry or nil, now, what was wrong with the hash or nil}.
    /// </summary>
    public const string Claim = Helpers + """
        local now = now_ms()
        local kind = redis.call('TYPE', KEYS[1])['ok']
        local last, prevNode, prevExpires, problem = 0, false, false, false
        if kind == 'hash' then
          local f = redis.call('HMGET', KEYS[1], 'node', 'epoch', 'expires')
          if int(f[2]) then last = tonumber(f[2])
          elseif f[2] then problem = 'its epoch is not a number'
          else problem = 'it has no epoch' end
          if f[1] then prevNode = f[1] end
          if int(f[3]) then prevExpires = f[3] end
        elseif kind ~= 'none' then
          problem = 'it is not a Redis hash but a ' .. kind
          redis.call('DEL', KEYS[1])
        end
        local epoch = math.max(last, tonumber(ARGV[5])) + 1
        redis.call('HSET', KEYS[1], 'node', ARGV[1], 'epoch', fmt(epoch), 'expires', fmt(now + tonumber(ARGV[2])))
        redis.call('PUBLISH', ARGV[3], fmt(epoch) .. ' ' .. ARGV[1] .. ' ' .. ARGV[4])
        return {fmt(epoch), prevNode, prevExpires, fmt(now), problem}
        """;

    /// <summary>KEYS[1] the device hash. Reply: {"live", node, epoch}, {"lapsed"}, {"none"} or {"bad", problem}.</summary>
    public const string Lookup = Helpers + """
        local kind = redis.call('TYPE', KEYS[1])['ok']
        if kind == 'none' then return {'none'} end
        if kind ~= 'hash' then return {'bad', 'it is not a Redis hash but a ' .. kind} end
        local f = redis.call('HMGET', KEYS[1], 'node', 'epoch', 'expires')
        if not f[1] or f[1] == '' then return {'bad', 'it names no node'} end
        if not int(f[2]) then return {'bad', 'its epoch is not a number'} end
        if not int(f[3]) then return {'bad', 'its expiry is not a number'} end
        if tonumber(f[3]) > now_ms() then return {'live', f[1], f[2]} end
        return {'lapsed'}
        """;

    /// <summary>
    /// KEYS[1] the device hash; ARGV[1] this node, ARGV[2] its epoch. Ends the lease (expiry 0, epoch kept) only
    /// while the hash still names this claim. Reply: 1 released, 0 not ours any more.
    /// </summary>
    public const string Release = """
        if redis.call('TYPE', KEYS[1])['ok'] ~= 'hash' then return 0 end
        local f = redis.call('HMGET', KEYS[1], 'node', 'epoch')
        if f[1] == ARGV[1] and f[2] == ARGV[2] then
          redis.call('HSET', KEYS[1], 'expires', '0')
          return 1
        end
        return 0
        """;

    /// <summary>
    /// KEYS the device hashes of this node's live leases; ARGV[1] this node, ARGV[2] the lease in ms, ARGV[2 + i]
    /// the epoch of KEYS[i]. Per key: still ours (or an older entry of ours) → extended, {"ok"}; missing (Redis
    /// lost its data) → recreated with our epoch, {"recreated"}; not what the directory writes → rewritten as
    /// ours, {"repaired", problem}; held by another node, or by a newer claim of ours → {"moved", node, epoch}.
    /// </summary>
    public const string Renew = Helpers + """
        local now = now_ms()
        local expires = fmt(now + tonumber(ARGV[2]))
        local out = {}
        for i, key in ipairs(KEYS) do
          local mine = ARGV[i + 2]
          local kind = redis.call('TYPE', key)['ok']
          local f = kind == 'hash' and redis.call('HMGET', key, 'node', 'epoch') or {}
          local problem = false
          if kind ~= 'none' and kind ~= 'hash' then problem = 'it is not a Redis hash but a ' .. kind
          elseif kind == 'hash' and (not f[1] or f[1] == '') then problem = 'it names no node'
          elseif kind == 'hash' and not int(f[2]) then problem = 'its epoch is not a number' end
          if kind == 'none' or problem then
            if problem then redis.call('DEL', key) end
            redis.call('HSET', key, 'node', ARGV[1], 'epoch', mine, 'expires', expires)
            out[i] = problem and {'repaired', problem} or {'recreated'}
          elseif f[1] == ARGV[1] and tonumber(f[2]) <= tonumber(mine) then
            redis.call('HSET', key, 'epoch', mine, 'expires', expires)
            out[i] = {'ok'}
          else
            out[i] = {'moved', f[1], f[2]}
          end
        end
        return out
        """;
}
