TRELLIS_SEARCH.shard("t",{"terms":"tres\ntu","docs":["1","1"],"titles":["","1"]});
