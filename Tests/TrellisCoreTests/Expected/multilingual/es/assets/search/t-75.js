TRELLIS_SEARCH.shard("u",{"terms":"un\nuna\nusar","docs":["02","2","0"],"titles":["","",""]});
