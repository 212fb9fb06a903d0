TRELLIS_SEARCH.shard("m",{"terms":"manana\nmentor\nmentoria\nmodulo","docs":["2","1","0","0"],"titles":["","1","0",""]});
