TRELLIS_SEARCH.shard("v",{"terms":"video","docs":["0"],"titles":[""]});
