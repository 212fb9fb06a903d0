TRELLIS_SEARCH.shard("5",{"terms":"5","docs":["3"],"titles":[""]});
