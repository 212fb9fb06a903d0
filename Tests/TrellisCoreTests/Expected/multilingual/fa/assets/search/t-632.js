TRELLIS_SEARCH.shard("ز",{"terms":"زبان\nزمان","docs":["0","0"],"titles":["",""]});
