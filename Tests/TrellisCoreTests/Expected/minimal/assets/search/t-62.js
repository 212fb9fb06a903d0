TRELLIS_SEARCH.shard("b",{"terms":"b\nbenefits\nby","docs":["2","3","03"],"titles":["","",""]});
