TRELLIS_SEARCH.shard("v",{"terms":"video","docs":["012"],"titles":["3"]});
