TRELLIS_SEARCH.shard("6",{"terms":"6","docs":["2"],"titles":[""]});
