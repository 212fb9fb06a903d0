TRELLIS_SEARCH.shard("ی",{"terms":"یک","docs":["0"],"titles":[""]});
