TRELLIS_SEARCH.shard("d",{"terms":"day\ndescription\ndiagram","docs":["2","3","0"],"titles":["","",""]});
