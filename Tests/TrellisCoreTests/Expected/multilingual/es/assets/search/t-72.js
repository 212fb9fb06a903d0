TRELLIS_SEARCH.shard("r",{"terms":"retos\nreunete\nreunieron","docs":["2","1","2"],"titles":["","",""]});
