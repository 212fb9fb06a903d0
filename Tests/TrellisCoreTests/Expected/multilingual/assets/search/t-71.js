TRELLIS_SEARCH.shard("q",{"terms":"questions","docs":["1"],"titles":[""]});
