TRELLIS_SEARCH.shard("q",{"terms":"questions","docs":["2"],"titles":[""]});
