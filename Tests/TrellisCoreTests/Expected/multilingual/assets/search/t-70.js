TRELLIS_SEARCH.shard("p",{"terms":"partner\npeers\npractise\npublishes","docs":["03","3","3","4"],"titles":["","","",""]});
