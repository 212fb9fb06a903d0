TRELLIS_SEARCH.shard("y",{"terms":"year\nyou\nyour","docs":["9","1","2"],"titles":["","","2"]});
