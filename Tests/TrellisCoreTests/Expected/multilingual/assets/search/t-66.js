TRELLIS_SEARCH.shard("f",{"terms":"find\nfinland\nfirst\nfor","docs":["3","3","0","2"],"titles":["","","",""]});
