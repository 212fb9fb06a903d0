TRELLIS_SEARCH.shard("r",{"terms":"read\nrecord\nrelated","docs":["13","1","0"],"titles":["","",""]});
