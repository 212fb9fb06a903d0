TRELLIS_SEARCH.shard("h",{"terms":"how","docs":["3"],"titles":[""]});
