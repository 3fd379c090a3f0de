-- Reserve every line of one order, or none; a reused order id is rejected.
-- Redis runs a script alone (no other command interleaves), so check-then-decrement is atomic.
--
-- KEYS[1]            order:<orderId>   exists once the id has been used
-- KEYS[2 .. n+1]     stock:<sku>       units available of each line's SKU (a missing key: unknown SKU)
-- ARGV[1]            customer id
-- ARGV[2 .. n+1]     quantity of each line, in KEYS order
-- ARGV[n+2 .. 2n+1]  unit price in cents of each line, kept with the order
--
-- Returns 0 RESERVED, 1 OUT_OF_STOCK, 2 UNKNOWN_SKU, 3 DUPLICATE_ORDER.
-- (Codes, not error replies: a rejection is an outcome, not a failure.)

if redis.call('EXISTS', KEYS[1]) == 1 then
  return 3
end

local lines = #KEYS - 1
-- Check every line before touching any: all lines or none.
for i = 1, lines do
  local available = redis.call('GET', KEYS[i + 1])
  if not available then
    return 2
  end
  if tonumber(available) < tonumber(ARGV[i + 1]) then
    return 1
  end
end

for i = 1, lines do
  redis.call('DECRBY', KEYS[i + 1], ARGV[i + 1])
end

-- The order record: who, which stock keys, how many, at what price.
redis.call('HSET', KEYS[1],
  'customer', ARGV[1],
  'skus', table.concat(KEYS, ',', 2),
  'quantities', table.concat(ARGV, ',', 2, lines + 1),
  'prices', table.concat(ARGV, ',', lines + 2))
return 0
