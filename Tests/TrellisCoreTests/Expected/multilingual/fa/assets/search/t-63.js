TRELLIS_SEARCH.shard("c",{"terms":"college","docs":["0"],"titles":[""]});
