TRELLIS_SEARCH.shard("ص",{"terms":"صبحها","docs":["0"],"titles":[""]});
