TRELLIS_SEARCH.shard("2",{"terms":"2","docs":["0"],"titles":[""]});
