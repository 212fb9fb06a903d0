TRELLIS_SEARCH.shard("g",{"terms":"gets\ngood","docs":["0","6111"],"titles":["",""]});
