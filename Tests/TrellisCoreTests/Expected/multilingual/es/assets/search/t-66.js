TRELLIS_SEARCH.shard("f",{"terms":"finland\nfuturos","docs":["2","0"],"titles":["",""]});
