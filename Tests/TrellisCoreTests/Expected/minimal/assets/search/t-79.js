TRELLIS_SEARCH.shard("y",{"terms":"your","docs":["2"],"titles":[""]});
