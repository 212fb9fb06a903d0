TRELLIS_SEARCH.shard("r",{"terms":"read\nrecord\nreflective\nrelate\nreply","docs":["1","1","3","0","1"],"titles":["","","3","",""]});
