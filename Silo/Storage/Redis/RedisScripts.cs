namespace CameraCloud.Silo.Storage.Redis;

/// <summary>
/// The Lua scripts that compare the stored ETag and change the record in one atomic step on the server,
/// so two nodes writing the same record cannot both win. Arguments: KEYS[1] the record; ARGV[1] the
/// expected ETag as <c>"=" + etag</c>, or <c>""</c> for "must not exist" (the prefix keeps an empty
/// ETag from meaning "none"). Replies: <c>{"ok"}</c>, <c>{"moved", stored ETag or ""}</c>, or
/// <c>{"bad", what is wrong}</c> for a key the store did not write — which is then left untouched.
/// </summary>
internal static class RedisScripts
{
    // Shared head: classifies the key and sets "stored" to "=" .. etag, or "" when there is no record.
    private const string Inspect = """
        local kind = redis.call('TYPE', KEYS[1])['ok']
        local stored = ''
        if kind ~= 'none' then
          if kind ~= 'hash' then return {'bad', 'it is not a Redis hash but a ' .. kind} end
          -- Field names only: the data may be megabytes and need not be copied to compare an ETag.
          local hasEtag, hasData = false, false
          for _, name in ipairs(redis.call('HKEYS', KEYS[1])) do
            if name == 'etag' then hasEtag = true
            elseif name == 'data' then hasData = true
            else return {'bad', 'it has a field "' .. name .. '" the store does not write'} end
          end
          local etag = hasEtag and redis.call('HGET', KEYS[1], 'etag') or nil
          local data = hasData or nil
          if etag == nil or etag == '' then return {'bad', 'it has no "etag" field'} end
          if data == nil then return {'bad', 'it has no "data" field'} end
          stored = '=' .. etag
        end
        if stored ~= ARGV[1] then return {'moved', stored} end

        """;

    /// <summary>ARGV[2] the new ETag, ARGV[3] the data.</summary>
    public const string Write = Inspect + """
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
        return {'ok'}
        """;

    public const string Clear = Inspect + """
        redis.call('DEL', KEYS[1])
        return {'ok'}
        """;
}
