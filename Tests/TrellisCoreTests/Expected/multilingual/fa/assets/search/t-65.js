TRELLIS_SEARCH.shard("e",{"terms":"example","docs":["0"],"titles":[""]});
