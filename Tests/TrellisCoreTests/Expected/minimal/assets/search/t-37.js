TRELLIS_SEARCH.shard("7",{"terms":"7","docs":["2"],"titles":[""]});
