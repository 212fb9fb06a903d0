TRELLIS_SEARCH.shard("b",{"terms":"before\nbenefits\nby","docs":["1","6111","06111"],"titles":["","",""]});
