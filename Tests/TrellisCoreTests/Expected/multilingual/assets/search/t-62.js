TRELLIS_SEARCH.shard("b",{"terms":"benefits\nby","docs":["21","111"],"titles":["",""]});
