TRELLIS_SEARCH.shard("y",{"terms":"y","docs":["11"],"titles":[""]});
