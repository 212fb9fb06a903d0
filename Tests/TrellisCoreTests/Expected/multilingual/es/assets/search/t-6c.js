TRELLIS_SEARCH.shard("l",{"terms":"la\nlas\nlos","docs":["2","2","2"],"titles":["","",""]});
