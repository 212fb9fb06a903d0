TRELLIS_SEARCH.shard("p",{"terms":"partner\npractice\npractise","docs":["03","0121","3"],"titles":["","3",""]});
