TRELLIS_SEARCH.shard("1",{"terms":"1","docs":["0"],"titles":[""]});
