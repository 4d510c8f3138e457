-- Reads a conversation's state and transcript in one snapshot.
-- KEYS[1]: the conversation's state (a hash), KEYS[2]: its transcript
-- ARGV[1]: an empty transcript, for a conversation whose turns appended no items
-- Returns the state's fields and values followed by "transcript" and the transcript, or an
-- empty list when the conversation does not exist.
local state = redis.call('HGETALL', KEYS[1])
if #state == 0 then
	return {}
end
state[#state + 1] = 'transcript'
state[#state + 1] = redis.call('GET', KEYS[2]) or ARGV[1]
return state
