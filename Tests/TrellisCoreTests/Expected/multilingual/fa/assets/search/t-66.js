TRELLIS_SEARCH.shard("f",{"terms":"finland","docs":["0"],"titles":[""]});
