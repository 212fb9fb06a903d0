TRELLIS_SEARCH.shard("y",{"terms":"your","docs":["1"],"titles":["1"]});
