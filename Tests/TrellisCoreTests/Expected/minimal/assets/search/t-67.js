TRELLIS_SEARCH.shard("g",{"terms":"go\ngood","docs":["13","0121"],"titles":["","3"]});
