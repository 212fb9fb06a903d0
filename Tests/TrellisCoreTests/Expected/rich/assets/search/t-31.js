TRELLIS_SEARCH.shard("1",{"terms":"12","docs":["9"],"titles":[""]});
