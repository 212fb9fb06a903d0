TRELLIS_SEARCH.shard("u",{"terms":"use\nused","docs":["0","0"],"titles":["",""]});
