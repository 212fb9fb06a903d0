TRELLIS_SEARCH.shard("h",{"terms":"how","docs":["211"],"titles":[""]});
