-- Appends a completed turn to a conversation when it is at the expected version.
-- KEYS[1]: the conversation's state (a hash), KEYS[2]: its transcript (the versioned JSON export)
-- ARGV[1]: expected version, ARGV[2]: response id, ARGV[3]: stored ("1" or "0"), ARGV[4]: instance id,
-- ARGV[5]: time to live in milliseconds (0: none), ARGV[6]: most items, ARGV[7]: most bytes,
-- ARGV[8]: the start of an empty transcript, ARGV[9..]: the turn's items, each as JSON text
-- Returns {"ok", version, items, bytes}, {"conflict", version} or {"limit", items, bytes}.
local state = KEYS[1]
local transcript = KEYS[2]
local version = tonumber(redis.call('HGET', state, 'version') or '0')
if version ~= tonumber(ARGV[1]) then
	return { 'conflict', tostring(version) }
end
local count = tonumber(redis.call('HGET', state, 'items') or '0')
local bytes = tonumber(redis.call('HGET', state, 'bytes') or '0')
local added = 0
for i = 9, #ARGV do
	added = added + string.len(ARGV[i])
end
local newCount = count + #ARGV - 8
local newBytes = bytes + added
if newCount > tonumber(ARGV[6]) or newBytes > tonumber(ARGV[7]) then
	return { 'limit', tostring(newCount), tostring(newBytes) }
end
local items = table.concat(ARGV, ',', 9)
if count == 0 then
	redis.call('SET', transcript, ARGV[8] .. items .. ']}')
elseif #ARGV > 8 then
	-- the transcript ends with "]}": write the new items over it and close it again
	redis.call('SETRANGE', transcript, redis.call('STRLEN', transcript) - 2, ',' .. items .. ']}')
end
version = version + 1
redis.call('HSET', state, 'version', version, 'items', newCount, 'bytes', newBytes, 'last_response_id', ARGV[2],
	'stored', ARGV[3], 'instance', ARGV[4])
local ttl = tonumber(ARGV[5])
if ttl > 0 then
	redis.call('PEXPIRE', state, ttl)
	redis.call('PEXPIRE', transcript, ttl)
else
	redis.call('PERSIST', state)
	redis.call('PERSIST', transcript)
end
return { 'ok', tostring(version), tostring(newCount), tostring(newBytes) }
