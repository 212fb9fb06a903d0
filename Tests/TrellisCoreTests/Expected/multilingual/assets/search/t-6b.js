TRELLIS_SEARCH.shard("k",{"terms":"keep\nkeeping","docs":["2","2"],"titles":["",""]});
