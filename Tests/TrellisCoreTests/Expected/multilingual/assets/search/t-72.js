TRELLIS_SEARCH.shard("r",{"terms":"readers\nreal\nreminder\nrural","docs":["2","2","2","2"],"titles":["","","",""]});
