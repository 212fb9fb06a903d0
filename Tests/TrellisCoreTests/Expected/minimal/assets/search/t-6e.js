TRELLIS_SEARCH.shard("n",{"terms":"next","docs":["1"],"titles":[""]});
