TRELLIS_SEARCH.shard("l",{"terms":"language","docs":["3"],"titles":[""]});
