TRELLIS_SEARCH.shard("u",{"terms":"use","docs":["0"],"titles":[""]});
