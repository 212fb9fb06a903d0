TRELLIS_SEARCH.shard("6",{"terms":"6","docs":["3"],"titles":[""]});
