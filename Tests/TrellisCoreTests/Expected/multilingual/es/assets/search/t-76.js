TRELLIS_SEARCH.shard("v",{"terms":"vez\nvideo","docs":["2","011"],"titles":["","2"]});
